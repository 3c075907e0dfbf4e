-- A change to the links between proposals and areas raises the write version.
CREATE OR REPLACE TRIGGER mapping_proposal_areas_counts_version AFTER INSERT OR DELETE ON public.mapping_proposal_areas FOR EACH STATEMENT EXECUTE FUNCTION mapping_counts_version_raise();
