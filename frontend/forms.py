"""Forms for the pages that work without a map or JavaScript."""

from django import forms
from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _

from geo.coordinates import is_lon_lat
from geo.models import Area
from geo.selectors import location_choices
from mapping.honeypot import honeypot_check
from mapping.models import (
    ApiToken,
    BackgroundCount,
    Comment,
    Event,
    Flag,
    Follower,
    Proposal,
    max_length,
)
from mapping.selectors import category_list


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by mapping.photos, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ProposalForm(forms.Form):
    """A proposal placed by choosing a place or an area instead of the map."""

    location = forms.ChoiceField(
        label=_("Hvor gjelder forslaget?"),
        help_text=_("Velg et sted eller et område. Plasseringen blir omtrentlig."),
    )
    shape = forms.ChoiceField(
        label=_("Hva gjelder forslaget?"),
        choices=[
            ("point", _("Et punkt på stedet eller i området")),
            ("area", _("Hele området")),
            ("line", _("En linje, fra stedet til et annet sted")),
        ],
        initial="point",
        required=False,  # a pin, as before there was a choice
        widget=forms.RadioSelect,
    )
    line_to = forms.ChoiceField(
        label=_("Linjen går til (bare for en linje)"),
        required=False,
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=category_list(campaign=None),
        to_field_name="slug",
        empty_label=_("Velg kategori"),
    )
    title = forms.CharField(label=_("Tittel"), max_length=max_length(Proposal, "title"))
    body = forms.CharField(
        label=_("Beskrivelse"),
        max_length=max_length(Proposal, "body"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hva ønsker du deg, og hvorfor? Høyst 2000 tegn."),
    )
    photos = MultipleFileField(
        label=_("Bilder (valgfritt)"),
        required=False,
        help_text=_(
            "Høyst 3 bilder, JPEG, PNG eller WebP, inntil 10 MB hvert. "
            "Posisjon og annen metadata fjernes."
        ),
    )
    name = forms.CharField(
        label=_("Navn som vises (valgfritt)"),
        max_length=max_length(Proposal, "display_name"),
        required=False,
    )
    email = forms.EmailField(
        label=_("E-post (valgfritt)"),
        required=False,
        help_text=_("Vises aldri. Brukes bare til å gi deg beskjed når kommunen svarer."),
    )
    age_band = forms.ChoiceField(
        label=_("Alder (valgfritt, anonymt)"),
        choices=[("", _("Vil ikke svare")), *BackgroundCount.AgeBand.choices],
        required=False,
        help_text=_("Telles bare sammen med andres svar, aldri med forslaget ditt."),
    )
    relation = forms.ChoiceField(
        label=_("Forhold til stedet (valgfritt, anonymt)"),
        choices=[("", _("Vil ikke svare")), *BackgroundCount.Relation.choices],
        required=False,
    )
    website = forms.CharField(
        label=_("La dette feltet stå tomt."),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label=_("Jeg forstår at forslaget og navnet jeg eventuelt oppgir blir offentlig synlig."),
        error_messages={"required": _("Du må bekrefte at forslaget blir offentlig.")},
    )

    def clean_shape(self):
        return self.cleaned_data["shape"] or "point"

    def clean_website(self):
        return honeypot_check(self.cleaned_data["website"])

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        choices = location_choices()
        self.fields["location"].choices = [("", _("Velg sted eller område")), *choices]
        self.fields["line_to"].choices = [("", _("Velg sted eller område")), *choices]
        self.fields["category"].queryset = category_list(campaign=campaign)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Kommentar"),
        max_length=max_length(Comment, "body"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(
        label=_("Navn som vises (valgfritt)"),
        max_length=max_length(Comment, "display_name"),
        required=False,
    )


class FlagForm(forms.Form):
    reason = forms.CharField(label=_("Hva er galt?"), max_length=max_length(Flag, "reason"))


class EventForm(forms.Form):
    """A planner's new workshop or kiosk: when, where, and optionally what the map shows first."""

    name = forms.CharField(label=_("Navn"), max_length=max_length(Event, "name"))
    place = forms.CharField(
        label=_("Sted"),
        max_length=max_length(Event, "place"),
        help_text=_("For eksempel «Bekkestua bibliotek»."),
    )
    starts_at = forms.DateTimeField(
        label=_("Starter"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Slutter"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Enheter som er med, hører til verkstedet til da."),
    )
    focus_area = forms.ModelChoiceField(
        label=_("Område i fokus (valgfritt)"),
        queryset=Area.objects.none(),
        required=False,
        help_text=_("Kartet åpner over dette området."),
    )
    focus_point = forms.CharField(
        label=_("Punkt i fokus (valgfritt)"),
        required=False,
        max_length=60,
        help_text=_("Breddegrad, lengdegrad, for eksempel 59.8917, 10.5225. Kartet åpner der."),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = areas

    def clean_focus_point(self):
        """ "lat, lon" as people copy it from a map, as a Point (lon, lat), or None."""
        text = self.cleaned_data["focus_point"].strip()
        if not text:
            return None
        try:
            lat, lon = (float(part) for part in text.replace(";", ",").split(","))
        except ValueError:
            raise forms.ValidationError(
                _("Skriv breddegrad og lengdegrad, skilt med komma.")
            ) from None
        if not is_lon_lat(lon, lat):
            raise forms.ValidationError(_("Skriv breddegrad og lengdegrad, skilt med komma."))
        return Point(lon, lat, srid=4326)


class FollowForm(forms.Form):
    """An address to tell when the proposal's status or outcome changes."""

    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=max_length(Follower, "email"),
        help_text=_(
            "Du får først en e-post med en lenke du må trykke på. Adressen vises aldri "
            "og slettes når du slutter å følge, eller når kampanjen er ferdig behandlet."
        ),
    )


class ApiTokenForm(forms.Form):
    """A planner's new API key: a name to know it by."""

    name = forms.CharField(
        label=_("Navn på nøkkelen"),
        max_length=max_length(ApiToken, "name"),
        help_text=_("For eksempel «QGIS på kontoret». Du ser navnet i listen under."),
    )
