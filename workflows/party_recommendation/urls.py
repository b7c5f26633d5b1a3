app_name = "party_recommendation"
urlpatterns: list = []
