"""Page routes."""

from django.contrib.auth import views as auth_views
from django.urls import path

from frontend.views import (
    api_docs,
    api_tokens,
    events,
    login,
    map,
    pages,
    posters,
    proposals,
    workspace,
)

urlpatterns = [
    path("", map.map_page, name="map"),
    path("innebygd/", map.embed_page, name="embed"),
    path("forslag/", proposals.proposal_list_page, name="proposal-list-page"),
    path("forslag/nytt/", proposals.proposal_create_page, name="proposal-create-page"),
    path("forslag/<int:pk>/", proposals.proposal_page, name="proposal-page"),
    path("forslag/<int:pk>/stott/", proposals.proposal_support_post, name="proposal-support-post"),
    path(
        "forslag/<int:pk>/kommenter/", proposals.proposal_comment_post, name="proposal-comment-post"
    ),
    path("forslag/<int:pk>/rapporter/", proposals.flag_post, name="proposal-flag-post"),
    path("forslag/<int:pk>/folg/", proposals.proposal_follow_post, name="proposal-follow-post"),
    path("folg/<str:token>/", proposals.follow_confirm_page, name="follow-confirm"),
    path("folg/<str:token>/avmeld/", proposals.follow_unsubscribe_page, name="follow-unsubscribe"),
    path(
        "forslag/<int:pk>/kommentarer/<int:comment_pk>/rapporter/",
        proposals.flag_post,
        name="comment-flag-post",
    ),
    path("api/docs/", api_docs.api_docs_page, name="api-docs"),
    path("tilgjengelighet/", pages.accessibility_page, name="accessibility"),
    path("personvern/", pages.privacy_page, name="privacy"),
    path("planlegger/", workspace.workspace_page, name="workspace"),
    path("planlegger/verksteder/", events.event_list_page, name="event-list"),
    path("planlegger/api-nokler/", api_tokens.api_token_list_page, name="api-tokens"),
    path(
        "planlegger/api-nokler/<int:pk>/trekk-tilbake/",
        api_tokens.api_token_revoke,
        name="api-token-revoke",
    ),
    path("planlegger/verksteder/<int:pk>/", events.event_page, name="event-page"),
    path("planlegger/plakat/", posters.poster_download, name="poster-download"),
    path("p/<str:code>/", posters.poster_link, name="poster-link"),
    path(
        "planlegger/plakat/<str:code>/<str:language>.pdf",
        posters.poster_file,
        name="poster-file",
    ),
    path("p/<str:code>/<str:language>/", posters.poster_link, name="poster-link-language"),
    path("verksted/", events.event_code_page, name="event-code"),
    path("verksted/kiosk/avslutt/", events.kiosk_end, name="kiosk-end"),
    path("verksted/kiosk/neste/", events.kiosk_next, name="kiosk-next"),
    path("verksted/<str:code>/", events.event_join, name="event-join"),
    path("verksted/<str:code>/kiosk/", events.event_kiosk, name="event-kiosk"),
    path("logg-inn/", login.LoginPage.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
