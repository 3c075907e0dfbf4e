-- Area counts follow the links between proposals and areas.
CREATE OR REPLACE TRIGGER mapping_proposal_area_counts AFTER INSERT OR DELETE ON public.mapping_proposal_areas FOR EACH ROW EXECUTE FUNCTION mapping_proposal_area_counts_trigger();
