"""Management command: create or update a planner account."""

import getpass

from django.contrib.auth.models import Permission, User
from django.core.management.base import BaseCommand, CommandError

from mapping.roles import planner_group_ensure


class Command(BaseCommand):
    help = "Create a planner (member of the planners group), or update an existing one."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password", help="omit to be asked; avoid on shared machines (shell history)"
        )
        parser.add_argument(
            "--email-access",
            action="store_true",
            help="may also see authors' e-mail addresses in exports",
        )

    def handle(self, *args, username, email, password, email_access, **options):
        password = password or getpass.getpass(f"Password for {username}: ")
        if not password:
            raise CommandError("A password is required.")
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        user.set_password(password)
        user.save()
        user.groups.add(planner_group_ensure())
        if email_access:
            user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label="mapping", codename="view_author_email"
                )
            )
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} planner {username}"))
