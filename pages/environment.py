"""The environment-quality dashboard."""
import views

views.domain_page("environment")
