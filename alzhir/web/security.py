"""Security headers Django 5.2 does not send itself: a Content-Security-Policy with a fresh
nonce per response (the only way a <script> element may run) and a Permissions-Policy.
Django's own middleware sends X-Content-Type-Options, Referrer-Policy and X-Frame-Options
(see SECURE_* and X_FRAME_OPTIONS in settings)."""

import secrets

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()"
)


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy(request.csp_nonce))
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def csp_nonce(request) -> dict:
    """Template context: {{ csp_nonce }} for the nonce attribute of a <script> element."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
