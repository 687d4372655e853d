"""Contributed photos: only real images, within size limits, re-encoded so that no metadata
(EXIF, GPS position, camera serial, XMP, comments) reaches the server's disk or the public."""

from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    extension: str
    width: int
    height: int


def clean_photo(upload) -> CleanPhoto:
    """The upload re-encoded as JPEG (or PNG where it has transparency), at most
    ALZHIR_PHOTO_MAX_SIDE pixels a side. Raises ValidationError for anything else."""
    if upload.size > settings.ALZHIR_PHOTO_MAX_BYTES:
        megabytes = settings.ALZHIR_PHOTO_MAX_BYTES // (1024 * 1024)
        raise ValidationError(_("The photo is too large: at most %(mb)s MB.") % {"mb": megabytes})
    try:
        image = Image.open(upload)
        # The header tells the pixel count before decoding: refuse decompression bombs early.
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(_("Only JPEG, PNG, WebP or GIF images can be sent."))
        if image.width * image.height > settings.ALZHIR_PHOTO_MAX_PIXELS:
            raise ValidationError(_("The image has too many pixels."))
        image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(_("This file is not an image we can read.")) from None
    return _reencode(image)


def _reencode(image: Image.Image) -> CleanPhoto:
    # Turn the pixels upright first: the orientation tag goes with the rest of the EXIF.
    image = ImageOps.exif_transpose(image)
    image.thumbnail((settings.ALZHIR_PHOTO_MAX_SIDE, settings.ALZHIR_PHOTO_MAX_SIDE))
    transparent = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    # Only the colour profile is carried over, and only explicitly: nothing else of .info.
    profile = image.info.get("icc_profile")
    out = BytesIO()
    if transparent:
        clean = image.convert("RGBA")
        clean.info = {}
        clean.save(out, "PNG", optimize=True, icc_profile=profile)
        extension = "png"
    else:
        clean = image.convert("RGB")
        clean.info = {}
        clean.save(out, "JPEG", quality=88, optimize=True, icc_profile=profile)
        extension = "jpg"
    return CleanPhoto(out.getvalue(), extension, clean.width, clean.height)
