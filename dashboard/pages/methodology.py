"""How every figure is computed."""

from dashboard import methodology

methodology.render()
