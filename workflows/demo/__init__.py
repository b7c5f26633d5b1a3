"""Demo data: the organisation tree of a city health commission's league committee, about 1000
members, office holders with memorable logins, 推优入党 cases in every status, every 团支部's
term and three 换届选举 at different stages.

An app of its own, on top of everything and without models: ``manage.py seed_demo`` writes it,
``manage.py demo_logins`` lists the logins, and nothing else imports it (the import contracts in
pyproject.toml). Everything is generated from fixed tables and ``random.Random(2026)``, so two
runs plan exactly the same data and the second one finds it all in place.
"""
