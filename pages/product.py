"""The product-quality dashboard."""
import views

views.domain_page("product")
