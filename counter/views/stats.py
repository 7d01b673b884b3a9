"""Hall statistics and the city's channel mix, drawn as server-side SVG charts."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.access import require_access
from counter.charts import bar_list, column_chart
from counter.forms.hall import DateRangeForm
from counter.selectors.halls import hall_chosen, halls_visible_to
from counter.selectors.stats import CHANNELS, channel_mix, hall_stats
from workflow.registry import Channel


@require_access(perm="counter.monitor_hall")
def stats(request):
    """Per hall, window and clerk: tickets served, waiting and handling times, load evenness, no-shows."""
    hall = hall_chosen(user=request.user, code=request.GET.get("hall"))
    form = DateRangeForm.from_query(request.GET)
    context = {"hall": hall, "halls": halls_visible_to(user=request.user), "form": form}
    if hall is not None and form.is_valid():
        figures = hall_stats(hall=hall, date_from=form.cleaned_data["date_from"], date_to=form.cleaned_data["date_to"])
        series = figures["series"]
        labels = [f"{k}" if series["by_hour"] else f"{k:%m-%d}" for k in series["keys"]]
        context.update({
            "figures": figures,
            "time_chart": column_chart(labels=labels, series=[(_("Served"), "seg-served", series["served"])]),
            "arrivals_chart": column_chart(labels=labels, series=[(_("Issued"), "seg-issued", series["issued"])]),
            "window_chart": bar_list(items=[(_("Window %(n)s") % {"n": w["number"]}, w["served"])
                                            for w in figures["windows"]]),
        })
    return render(request, "counter/hall_stats.html", context)


@require_access(perm="counter.monitor_channels")
def channels(request):
    """Cases per day by channel across the city: how the counter's load falls as online use grows."""
    form = DateRangeForm.from_query(request.GET, default_days=30)
    context = {"form": form}
    if form.is_valid():
        mix = channel_mix(date_from=form.cleaned_data["date_from"], date_to=form.cleaned_data["date_to"])
        labels = [f"{d:%m-%d}" for d in mix["days"]]
        names = dict(Channel.choices)
        context.update({
            "mix": mix,
            "rows": [(names[c], c, mix["totals"][c], mix["shares"][c]) for c in CHANNELS],
            "chart": column_chart(labels=labels, series=[(names[c], f"seg-{c}", mix["per_channel"][c])
                                                         for c in CHANNELS]),
            "days": list(zip(mix["days"], mix["daily"], mix["counter_share"], strict=True)),
        })
    return render(request, "counter/hall_channels.html", context)
