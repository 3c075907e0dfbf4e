-- Area and week counts follow the proposals.
CREATE OR REPLACE TRIGGER mapping_proposal_counts AFTER INSERT OR DELETE OR UPDATE ON public.mapping_proposal FOR EACH ROW EXECUTE FUNCTION mapping_proposal_counts_trigger();
