"""Management command: create or update a planner account, a planner of the places named."""

import getpass
import os

from django.contrib.auth.models import Permission, User
from django.core.management.base import BaseCommand, CommandError

from mapping.models import Place
from mapping.roles import planner_group_ensure


class Command(BaseCommand):
    help = (
        "Create a planner (member of the planners group) of one or more places, or update an"
        " existing one. A planner works only on their places' campaigns."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--place",
            action="append",
            required=True,
            help="a place's slug (see load_campaign's file); repeat for several",
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            help="omit to take FREMTIDSKART_PLANNER_PASSWORD from the environment, or be asked;"
            " avoid on shared machines (shell history)",
        )
        parser.add_argument(
            "--email-access",
            action="store_true",
            help="may also see authors' e-mail addresses in exports",
        )

    def handle(self, *args, username, place, email, password, email_access, **options):
        places = list(Place.objects.filter(slug__in=place))
        unknown = set(place) - {p.slug for p in places}
        if unknown:
            known = ", ".join(Place.objects.values_list("slug", flat=True)) or "none loaded"
            raise CommandError(f"No such place: {', '.join(sorted(unknown))} (known: {known}).")
        password = (
            password
            or os.environ.get("FREMTIDSKART_PLANNER_PASSWORD")
            or getpass.getpass(f"Password for {username}: ")
        )
        if not password:
            raise CommandError("A password is required.")
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        user.set_password(password)
        user.save()
        user.groups.add(planner_group_ensure())
        user.places.add(*places)
        if email_access:
            user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label="mapping", codename="view_author_email"
                )
            )
        verb = "Created" if created else "Updated"
        names = ", ".join(p.name for p in places)
        self.stdout.write(self.style.SUCCESS(f"{verb} planner {username} of {names}"))
