"""Optional address search through Kartverket's Geonorge API (`adresser/v1/sok`).

Off unless FREMTIDSKART_ADDRESS_SEARCH_URL is set. A slow or failing service gives no address
hits, never an error: the offline place search still answers.
"""

import json
import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode

from django.conf import settings

logger = logging.getLogger(__name__)


def address_search(text: str, *, limit: int = 5) -> list[dict]:
    """Addresses in the configured kommune matching `text`, as place-search hits."""
    url = settings.FREMTIDSKART_ADDRESS_SEARCH_URL
    if not url or len(text.strip()) < 3:
        return []
    query = {
        "sok": text.strip(),
        "treffPerSide": limit,
        "utkoordsys": 4326,
        "fuzzy": "true",
    }
    if settings.FREMTIDSKART_KOMMUNENUMMER:
        query["kommunenummer"] = settings.FREMTIDSKART_KOMMUNENUMMER
    request = urllib.request.Request(  # noqa: S310 - the URL is a setting, not user input
        f"{url}?{urlencode(query)}", headers={"Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.FREMTIDSKART_ADDRESS_TIMEOUT_S) as r:  # noqa: S310
            data = json.load(r)
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        logger.warning("address search unavailable: %s", type(error).__name__)
        return []
    hits = []
    for address in data.get("adresser", []):
        point = address.get("representasjonspunkt") or {}
        if "lon" not in point or "lat" not in point:
            continue
        town = address.get("poststed", "").title()
        hits.append(
            {
                "name": f"{address.get('adressetekst', '')}, {town}".strip(", "),
                "kind": "adresse",
                "lon": point["lon"],
                "lat": point["lat"],
                "bbox": None,
            }
        )
    return hits
