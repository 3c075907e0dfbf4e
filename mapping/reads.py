"""The database connection for the read models' SQL: a replica when the router sends this
request's reads of proposals there (config.db_router), else the primary."""

from django.db import connections, router

from mapping.models import Proposal


def read_connection():
    return connections[router.db_for_read(Proposal)]
