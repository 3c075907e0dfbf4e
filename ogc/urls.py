"""Routes of OGC API – Features under /ogc/."""

from django.urls import path

from ogc import openapi, tiles, views

TILES = "collections/<str:collection>/tiles"

urlpatterns = [
    path("", views.landing, name="ogc-landing"),
    path("api", openapi.openapi, name="ogc-openapi"),
    path("conformance", views.conformance, name="ogc-conformance"),
    path("collections", views.collections, name="ogc-collections"),
    path("collections/<str:collection>", views.collection, name="ogc-collection"),
    path("collections/<str:collection>/queryables", views.queryables, name="ogc-queryables"),
    path("collections/<str:collection>/items", views.items, name="ogc-items"),
    path("collections/<str:collection>/items/<str:pk>", views.item, name="ogc-item"),
    path("tileMatrixSets", tiles.tile_matrix_sets, name="ogc-tile-matrix-sets"),
    path("tileMatrixSets/<str:tms>", tiles.tile_matrix_set, name="ogc-tile-matrix-set"),
    path(TILES, tiles.tilesets, name="ogc-tilesets"),
    path(f"{TILES}/<str:tms>", tiles.tileset, name="ogc-tileset"),
    path(f"{TILES}/<str:tms>/<str:z>/<str:row>/<str:col>", tiles.tile, name="ogc-tile"),
]
