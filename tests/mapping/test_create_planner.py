"""create_planner, as compose's migrate step runs it: the password from the environment."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from mapping import selectors

pytestmark = pytest.mark.django_db


def test_a_planner_is_created_with_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("FREMTIDSKART_PLANNER_PASSWORD", "en lang passfrase")
    call_command("create_planner", "kari", "--place", "baerum")
    user = User.objects.get(username="kari")
    assert user.check_password("en lang passfrase") and selectors.can_use_workspace(user)
    monkeypatch.setenv("FREMTIDSKART_PLANNER_PASSWORD", "en ny passfrase")
    call_command(
        "create_planner", "kari", "--place", "baerum"
    )  # run again at the next start: the new password
    assert User.objects.get(username="kari").check_password("en ny passfrase")
