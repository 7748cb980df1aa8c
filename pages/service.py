"""The service-quality dashboard."""
import views

views.domain_page("service")
