"""The member pages as a committee's office holders meet them, and as nobody else does."""

import pytest
from django.urls import reverse
from django.utils import timezone

from workflows.org.membership import member_transfer_request
from workflows.org.models import Member, MemberTransfer, TransferStatus

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_subtree_and_searches_it(client, world):
    client.force_login(world.secretary_a)
    response = client.get(reverse("org:members"), {"q": "吉𠮷"})
    assert response.status_code == 200
    names = {member.name for member, _day in response.context["rows"]}
    assert "吉𠮷" in names and world.outsider.name not in names
    assert "吉𠮷" in response.content.decode()


def test_people_without_a_committee_office_get_403(client, world):
    client.force_login(world.applicant_user)
    assert client.get(reverse("org:members")).status_code == 403
    assert client.get(reverse("org:transfers")).status_code == 403
    assert client.get(reverse("org:offices")).status_code == 403


def test_another_branchs_member_is_not_there(client, world, other_committee):
    for user in (world.secretary_b, other_committee.secretary):
        client.force_login(user)
        url = reverse("org:member_detail", args=[world.applicant.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "改"}).status_code == 404
        leave = reverse("org:member_leave", args=[world.applicant.pk])
        assert client.post(leave, {"reason": "withdrawn", "on": "2026-01-01"}).status_code == 404
    world.applicant.refresh_from_db()
    assert world.applicant.is_active and world.applicant.name == "吉𠮷"


def test_an_edit_from_the_page_is_saved(client, world):
    client.force_login(world.reviewer_1)
    url = reverse("org:member_detail", args=[world.applicant.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "id_number"
    }
    data.update(phone="13966667777", id_number=world.applicant.id_number)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Member.objects.get(pk=world.applicant.pk).phone == "13966667777"


def test_a_transfer_is_asked_on_one_side_and_accepted_on_the_other(client, world):
    client.force_login(world.secretary_a)
    response = client.post(
        reverse("org:member_transfer", args=[world.applicant.pk]),
        {"transfer-to_branch": world.branch_b.pk, "transfer-reason": "调至外科"},
    )
    assert response.status_code == 302
    transfer = MemberTransfer.objects.get()
    client.force_login(world.secretary_b)
    page = client.get(reverse("org:members"))
    assert page.context["incoming"] == 1
    client.post(reverse("org:transfer_decide", args=[transfer.pk]), {"decision": "accept"})
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED
    # A second click reads who handled it and when.
    response = client.post(
        reverse("org:transfer_decide", args=[transfer.pk]), {"decision": "accept"}, follow=True
    )
    assert "该转接已由 孙支书 于" in response.content.decode()


def test_a_transfer_outside_both_sides_is_not_there(client, world, other_committee):
    transfer = member_transfer_request(
        member=world.applicant, to_branch=world.branch_b, reason="调动", by=world.secretary_a
    )
    client.force_login(other_committee.secretary)
    assert (
        client.post(
            reverse("org:transfer_decide", args=[transfer.pk]), {"decision": "accept"}
        ).status_code
        == 404
    )
    assert client.get(reverse("org:transfers")).context["transfers"].count() == 0


def test_the_offices_page_appoints_in_a_unit_below(client, world, other_committee):
    client.force_login(world.committee_secretary)
    page = client.get(reverse("org:offices"), {"unit": world.branch_a.pk})
    assert page.status_code == 200
    response = client.post(
        reverse("org:appoint", args=[world.branch_a.pk]),
        {
            "member": world.applicant.pk,
            "role": "committee_member",
            "start_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert world.applicant_user.appointments.filter(org=world.branch_a).exists()
    assert client.get(reverse("org:offices"), {"unit": other_committee.pk}).status_code == 404


def test_the_offices_page_relieves_and_names_a_substitute(client, world, other_committee):
    from workflows.org.models import Appointment

    appointment = Appointment.objects.get(user=world.secretary_a, org=world.branch_a)
    today = timezone.localdate().isoformat()
    client.force_login(world.committee_secretary)
    substitute = reverse("org:substitute_add", args=[appointment.pk])
    response = client.post(
        substitute,
        {
            f"sub{appointment.pk}-member": world.applicant.pk,
            f"sub{appointment.pk}-start_date": today,
            f"sub{appointment.pk}-end_date": today,
            f"sub{appointment.pk}-reason": "外出学习",
        },
        follow=True,
    )
    assert "已设置代理人" in response.content.decode()
    end = reverse("org:appointment_end", args=[appointment.pk])
    client.post(
        end, {f"end{appointment.pk}-end_date": today, f"end{appointment.pk}-reason": "调离"}
    )
    appointment.refresh_from_db()
    assert appointment.end_date == timezone.localdate()
    client.force_login(other_committee.secretary)
    assert client.post(end, {f"end{appointment.pk}-end_date": today}).status_code == 404
