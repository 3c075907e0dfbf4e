"""The participation domain's models, in modules by concern; everything is imported from here
(`from mapping.models import Proposal`), and the app label stays "mapping"."""

from mapping.models.campaigns import Campaign, Category, Place, Translatable, max_length
from mapping.models.decision import Outcome, Tag
from mapping.models.participation import BackgroundCount, Comment, Flag, Follower, Support
from mapping.models.proposals import ModerationAction, Photo, Proposal, StatusChange
from mapping.models.reach import Event, Poster, WriteCount
from mapping.models.read_models import AreaCount, CountsVersion, GridCell, KeptCount, WeekCount
from mapping.models.reports import Report
from mapping.models.tokens import ApiToken

__all__ = [
    "ApiToken",
    "AreaCount",
    "BackgroundCount",
    "Campaign",
    "Category",
    "Comment",
    "CountsVersion",
    "Event",
    "Flag",
    "Follower",
    "GridCell",
    "KeptCount",
    "ModerationAction",
    "Outcome",
    "Photo",
    "Place",
    "Poster",
    "Proposal",
    "Report",
    "StatusChange",
    "Support",
    "Tag",
    "Translatable",
    "WeekCount",
    "WriteCount",
    "max_length",
]
