//! Photos people send (complaints): checked by their content, not their name, then decoded and
//! encoded again, so what we store holds pixels only — no location, camera or other metadata —
//! and no file that merely claims to be a picture gets through. Large pictures are scaled down.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use crate::domain::complaint::{ComplaintRefusal, MAX_PHOTO_BYTES};
use crate::store::complaints::CleanPhoto;

/// The longest side kept; larger photos are scaled down (a phone photo stays readable).
const MAX_SIDE: u32 = 2048;
/// Decoding stops beyond this many pixels (a small file can claim a huge picture).
const MAX_PIXELS: u64 = 50_000_000;
const JPEG_QUALITY: u8 = 85;

/// A photo as sent, cleaned, or why it is refused.
pub fn clean_photo(bytes: &[u8]) -> Result<CleanPhoto, ComplaintRefusal> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(ComplaintRefusal::PhotoTooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| ComplaintRefusal::NotAPhoto)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(ComplaintRefusal::NotAPhoto);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|_| ComplaintRefusal::NotAPhoto)?;
    if u64::from(decoded.width()) * u64::from(decoded.height()) > MAX_PIXELS {
        return Err(ComplaintRefusal::PhotoTooLarge);
    }
    let picture = if decoded.width().max(decoded.height()) > MAX_SIDE { decoded.thumbnail(MAX_SIDE, MAX_SIDE) } else { decoded };
    encode(picture)
}

/// Pictures with transparency stay PNG; everything else becomes JPEG.
fn encode(picture: DynamicImage) -> Result<CleanPhoto, ComplaintRefusal> {
    let (width, height) = (picture.width(), picture.height());
    let mut out = Vec::new();
    let mime = if picture.color().has_alpha() {
        picture.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).map_err(|_| ComplaintRefusal::NotAPhoto)?;
        "image/png"
    } else {
        let rgb = picture.to_rgb8();
        JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).encode_image(&rgb).map_err(|_| ComplaintRefusal::NotAPhoto)?;
        "image/jpeg"
    };
    Ok(CleanPhoto { mime, width, height, bytes: out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg_with_exif() -> Vec<u8> {
        let picture = RgbImage::from_fn(64, 48, |x, y| Rgb([(x * 4) as u8, (y * 5) as u8, 128]));
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&picture).expect("encode");
        // An APP1 "Exif" segment right after the start-of-image marker, as cameras write it,
        // holding a recognisable text where a GPS position would be.
        let payload = b"Exif\0\0GPS 29.7200N 106.6300E secret-location";
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(payload);
        let mut with_exif = jpeg[..2].to_vec();
        with_exif.extend_from_slice(&segment);
        with_exif.extend_from_slice(&jpeg[2..]);
        with_exif
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn metadata_does_not_survive_re_encoding() {
        let sent = jpeg_with_exif();
        assert!(contains(&sent, b"secret-location"));
        let clean = clean_photo(&sent).expect("a photo");
        assert_eq!((clean.mime, clean.width, clean.height), ("image/jpeg", 64, 48));
        assert!(!contains(&clean.bytes, b"secret-location") && !contains(&clean.bytes, b"Exif"));
    }

    #[test]
    fn transparent_pictures_stay_png_and_big_ones_shrink() {
        let picture = RgbaImage::from_fn(3000, 1000, |_, _| Rgba([10, 20, 30, 100]));
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(picture).write_to(&mut Cursor::new(&mut png), ImageFormat::Png).expect("png");
        let clean = clean_photo(&png).expect("a photo");
        assert_eq!(clean.mime, "image/png");
        assert_eq!(clean.width, MAX_SIDE);
    }

    #[test]
    fn files_that_are_not_pictures_are_refused_by_content() {
        assert_eq!(clean_photo(b"%PDF-1.7 not a picture").err(), Some(ComplaintRefusal::NotAPhoto));
        assert_eq!(clean_photo(b"").err(), Some(ComplaintRefusal::NotAPhoto));
        // A JPEG start with nothing after it.
        assert_eq!(clean_photo(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).err(), Some(ComplaintRefusal::NotAPhoto));
        assert_eq!(clean_photo(&vec![0u8; MAX_PHOTO_BYTES + 1]).err(), Some(ComplaintRefusal::PhotoTooLarge));
    }
}
