-- The count pyramid follows the proposals.
CREATE OR REPLACE TRIGGER mapping_proposal_grid AFTER INSERT OR DELETE OR UPDATE ON public.mapping_proposal FOR EACH ROW EXECUTE FUNCTION mapping_proposal_grid_trigger();
