-- A change to the proposals raises the write version.
CREATE OR REPLACE TRIGGER mapping_proposal_counts_version AFTER INSERT OR DELETE OR UPDATE ON public.mapping_proposal FOR EACH STATEMENT EXECUTE FUNCTION mapping_counts_version_raise();
