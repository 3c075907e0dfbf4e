"""One path for a new proposal, the same from the API and from the page without a map: after the
caller has parsed and validated the fields, the write is admitted (mapping.admission), its photos
are prepared, and the service stores it, in that order. A flood is refused with Flood, which
each caller answers in its own way (a JSON 429, a page)."""

from mapping import services
from mapping.admission import admit
from mapping.device import device_token_renew
from mapping.models import Proposal
from mapping.photos import photos_prepare


class Flood(Exception):
    """Too many writes from this browser or network: try again in `wait_s` seconds."""

    def __init__(self, wait_s: int):
        super().__init__(wait_s)
        self.wait_s = wait_s


def proposal_submit(request, *, uploads=(), **fields) -> Proposal:
    """Admit, prepare the photos, store (services.proposal_create takes `fields`); a kiosk then
    forgets the person who wrote. Refusals: Flood, or the service's and the photos'
    ValidationError with field messages."""
    admission = admit(request, "proposals")
    if admission.wait_s:
        raise Flood(admission.wait_s)
    prepared = photos_prepare(uploads)
    proposal = services.proposal_create(
        **fields, photos=prepared, hold_reason=admission.hold_reason, event=admission.event
    )
    if admission.kiosk:  # the next person at the tablet supports afresh
        device_token_renew(request)
    return proposal
