"""Routes of OGC API – Features under /ogc/."""

from django.urls import path

from ogc import views

urlpatterns = [
    path("", views.landing, name="ogc-landing"),
    path("conformance", views.conformance, name="ogc-conformance"),
    path("collections", views.collections, name="ogc-collections"),
    path("collections/<str:collection>", views.collection, name="ogc-collection"),
    path("collections/<str:collection>/queryables", views.queryables, name="ogc-queryables"),
    path("collections/<str:collection>/items", views.items, name="ogc-items"),
    path("collections/<str:collection>/items/<int:pk>", views.item, name="ogc-item"),
]
