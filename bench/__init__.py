"""The benchmark (make bench): the API against the SQL floor at 10^5 and 10^6 proposals."""
