"""Writes for the participation domain, by concern. Every change to proposals goes through here;
callers use `from mapping import services` and `services.<name>`."""

from mapping.services.decision import (
    outcome_create,
    proposal_supports_accept,
    proposal_unmerge,
    proposal_untag,
    proposals_link_outcome,
    proposals_merge,
    proposals_tag,
    tag_create,
)
from mapping.services.participation import (
    comment_create,
    comment_flag,
    follower_confirm,
    follower_create,
    follower_remove,
    proposal_flag,
    proposal_support,
)
from mapping.services.proposals import (
    EDITABLE_FIELDS,
    comment_moderate,
    moderation_check,
    proposal_areas_assign,
    proposal_areas_reassign_all,
    proposal_create,
    proposal_moderate,
    proposal_set_status,
    proposal_update,
)
from mapping.services.reach import (
    event_create,
    poster_create,
)
from mapping.services.reports import (
    report_build,
    report_request,
)
from mapping.services.tokens import (
    api_token_create,
    api_token_revoke,
    api_token_touch,
)

__all__ = [
    "EDITABLE_FIELDS",
    "api_token_create",
    "api_token_revoke",
    "api_token_touch",
    "comment_create",
    "comment_flag",
    "comment_moderate",
    "event_create",
    "follower_confirm",
    "follower_create",
    "follower_remove",
    "moderation_check",
    "outcome_create",
    "poster_create",
    "proposal_areas_assign",
    "proposal_areas_reassign_all",
    "proposal_create",
    "proposal_flag",
    "proposal_moderate",
    "proposal_set_status",
    "proposal_support",
    "proposal_supports_accept",
    "proposal_unmerge",
    "proposal_untag",
    "proposal_update",
    "proposals_link_outcome",
    "proposals_merge",
    "proposals_tag",
    "report_build",
    "report_request",
    "tag_create",
]
