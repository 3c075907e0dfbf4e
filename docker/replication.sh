#!/bin/sh
# Run once by the postgis image when it creates the primary's data folder: let the optional
# replica service (docker compose --profile replica) stream from it with the password.
echo "host replication postgres all scram-sha-256" >> "$PGDATA/pg_hba.conf"
