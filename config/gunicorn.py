"""gunicorn's settings, the same for scripts/serve.sh, the image and the tests' servers
(gunicorn -c config/gunicorn.py config.wsgi); workers and address come from the command line.

Threads: a worker waiting on PostgreSQL for a slow public read (bounded by the statement budget,
config/statement_budget.py) still answers /healthz and the map from its other threads, so a few
expensive requests at once cannot make the site stop answering.
"""

worker_class = "gthread"
threads = 4
timeout = 30
graceful_timeout = 30
# gunicorn's control socket defaults to one path for every instance on a host (~/.gunicorn):
# two instances would take over each other's. Nothing here uses it.
control_socket_disable = True
# No access log: the app writes one JSON line per request without personal data.
accesslog = None
