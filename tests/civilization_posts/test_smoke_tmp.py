from decimal import Decimal

from workflows.civilization_posts import services
from workflows.civilization_posts.models import Recognition

from .helpers import act, applied, cycle_for, filed, score_all, timers_fire


def test_whole_cycle(post_world, django_capture_on_commit_callbacks):
    w = post_world
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_for(w)
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
        filed(w, cycle, w.er, w.leader_of(w.er))
        timers_fire(cycle, "filing_deadline")
        act(cycle, "open_applications", w.committee_secretary, "open_applications", data={
            "application_deadline": (cycle.application_deadline).isoformat()})
        application = applied(w, cycle, w.er, w.leader_of(w.er))
        timers_fire(cycle, "application_deadline")
        act(cycle, "start_peer_review", w.committee_secretary, "start_peer_review")
        application.refresh_from_db()
        assert application.status == "in_peer_review"
        assert application.peer_reviews.count() == 4
        score_all(application, Decimal("90"))
        act(cycle, "assessment", w.committee_secretary, "publish_assessment", "评定")
        application.refresh_from_db()
        assert application.status == "in_publicity", application.status
        assert application.stars == 2
        timers_fire(cycle)
        act(cycle, "recognise", w.committee_secretary, "issue_recognition", "命名")
    assert Recognition.objects.get().stars == 2


def test_pages_render(post_world, client, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from .helpers import open_task

    w = post_world
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_for(w)
        services.cycle_open(cycle=cycle, by=w.committee_secretary)
        filed(w, cycle, w.er, w.leader_of(w.er))
        timers_fire(cycle, "filing_deadline")
        act(cycle, "open_applications", w.committee_secretary, "open_applications")
        application = applied(w, cycle, w.er, w.leader_of(w.er))
        timers_fire(cycle, "application_deadline")
        act(cycle, "start_peer_review", w.committee_secretary, "start_peer_review")
    client.force_login(w.committee_secretary)
    for url in [
        reverse("civilization_posts:index"),
        reverse("civilization_posts:cycle", args=[cycle.pk]),
        reverse("civilization_posts:collectives"),
        reverse("civilization_posts:collective", args=[w.er.pk]),
        reverse("civilization_posts:groups"),
        reverse("civilization_posts:yearly"),
        reverse("civilization_posts:recognitions"),
        reverse("civilization_posts:rubric", args=[cycle.pk]),
        reverse("civilization_posts:new"),
        reverse("engine:task", args=[open_task(cycle).pk]),
        application.get_absolute_url(),
        cycle.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    reviewer = application.peer_reviews.first().reviewer
    client.force_login(reviewer)
    response = client.get(reverse("civilization_posts:reviews"))
    assert response.status_code == 200
    review = application.peer_reviews.filter(reviewer=reviewer).get()
    assert client.get(reverse("civilization_posts:review", args=[review.pk])).status_code == 200
    client.force_login(w.leader_of(w.cardio))
    assert client.get(reverse("civilization_posts:file", args=[cycle.pk])).status_code == 200
