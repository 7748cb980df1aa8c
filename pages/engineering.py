"""The engineering-quality dashboard."""
import views

views.domain_page("engineering")
