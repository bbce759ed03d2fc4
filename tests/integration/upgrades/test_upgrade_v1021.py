"""1020 → 1021: plans get their action rows; their text stays as written."""

from mgops.caseflow.upgrades.v1021 import plan_action_rows


PROFILE = "mgops.caseflow:default"


def test_a_site_at_1020_goes_on_through_1021(setup_tool):
    setup_tool.setLastVersionForProfile(PROFILE, "1020")
    assert "1021" in [
        step["dest"][0]
        for step in setup_tool.listUpgrades(PROFILE)
        if isinstance(step, dict)
    ]


def test_an_old_plan_gets_empty_rows_and_keeps_its_text(
    make_family_file, make_document
):
    family_file = make_family_file(state="active")
    plan = make_document(
        family_file,
        "Plan",
        owner="fa1",
        state="final",
        actions="Wizyty co tydzień.",
        responsibilities="Rodzina i asystent.",
    )
    plan.__dict__.pop("action_rows", None)  # as profile 1020 stored it
    plan._p_changed = True
    plan_action_rows(None)
    assert plan.__dict__["action_rows"] == []
    assert plan.actions == "Wizyty co tydzień."
    assert plan.responsibilities == "Rodzina i asystent."
