//! Photos people send (complaints, a facility's place): checked by their content, not their name, then decoded and
//! encoded again, so what we store holds pixels only — no location, camera or other metadata —
//! and no file that merely claims to be a picture gets through. Large pictures are scaled down.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use crate::domain::complaint::{ComplaintRefusal, MAX_PHOTO_BYTES};
use crate::domain::gallery::{self, GalleryRefusal};
use crate::store::complaints::CleanPhoto;

/// The longest side kept; larger photos are scaled down (a phone photo stays readable).
const MAX_SIDE: u32 = 2048;
/// Decoding stops beyond this many pixels (a small file can claim a huge picture).
const MAX_PIXELS: u64 = 50_000_000;
const JPEG_QUALITY: u8 = 85;

/// Why a picture cannot be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unreadable {
    NotAPicture,
    TooLarge,
}

/// Decodes a JPEG, PNG or WebP picture known by its content, within the size limits.
fn decode(bytes: &[u8], max_bytes: usize) -> Result<DynamicImage, Unreadable> {
    if bytes.len() > max_bytes {
        return Err(Unreadable::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| Unreadable::NotAPicture)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(Unreadable::NotAPicture);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|_| Unreadable::NotAPicture)?;
    if u64::from(decoded.width()) * u64::from(decoded.height()) > MAX_PIXELS {
        return Err(Unreadable::TooLarge);
    }
    Ok(decoded)
}

/// `picture` with its longest side at most `side`.
fn fit(picture: DynamicImage, side: u32) -> DynamicImage {
    if picture.width().max(picture.height()) > side { picture.thumbnail(side, side) } else { picture }
}

/// A photo as sent, cleaned, or why it is refused.
pub fn clean_photo(bytes: &[u8]) -> Result<CleanPhoto, ComplaintRefusal> {
    let decoded = decode(bytes, MAX_PHOTO_BYTES).map_err(|why| match why {
        Unreadable::TooLarge => ComplaintRefusal::PhotoTooLarge,
        Unreadable::NotAPicture => ComplaintRefusal::NotAPhoto,
    })?;
    encode(fit(decoded, MAX_SIDE))
}

/// A photo of a facility's place in the two sizes pages show, both JPEG (transparency laid on
/// white: a room has no transparent parts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GalleryPhoto {
    pub phone: Vec<u8>,
    pub desktop: Vec<u8>,
    /// Of the desktop size.
    pub width: u32,
    pub height: u32,
}

pub fn gallery_photo(bytes: &[u8]) -> Result<GalleryPhoto, GalleryRefusal> {
    let decoded = decode(bytes, gallery::MAX_PHOTO_BYTES).map_err(|why| match why {
        Unreadable::TooLarge => GalleryRefusal::GalleryTooLarge,
        Unreadable::NotAPicture => GalleryRefusal::GalleryNotAPhoto,
    })?;
    if decoded.width().min(decoded.height()) < gallery::MIN_SHORT_SIDE {
        return Err(GalleryRefusal::GalleryTooSmall);
    }
    let opaque = on_white(&decoded);
    let desktop = fit(opaque, gallery::DESKTOP_SIDE);
    let phone = fit(desktop.clone(), gallery::PHONE_SIDE);
    let jpeg = |picture: &DynamicImage| -> Result<Vec<u8>, GalleryRefusal> {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).encode_image(&picture.to_rgb8()).map_err(|_| GalleryRefusal::GalleryNotAPhoto)?;
        Ok(out)
    };
    Ok(GalleryPhoto { phone: jpeg(&phone)?, desktop: jpeg(&desktop)?, width: desktop.width(), height: desktop.height() })
}

/// The picture with any transparency laid on white.
fn on_white(picture: &DynamicImage) -> DynamicImage {
    if !picture.color().has_alpha() {
        return picture.clone();
    }
    let rgba = picture.to_rgba8();
    let rgb = image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let blend = |c: u8| ((u16::from(c) * u16::from(p[3]) + 255 * (255 - u16::from(p[3]))) / 255) as u8;
        image::Rgb([blend(p[0]), blend(p[1]), blend(p[2])])
    });
    DynamicImage::ImageRgb8(rgb)
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

    fn jpeg_of(width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| Rgb([(x * 4) as u8, (y * 5) as u8, 128]));
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&picture).expect("encode");
        jpeg
    }

    /// `jpeg` with an APP1 "Exif" segment right after the start-of-image marker, as cameras
    /// write it, holding a recognisable text where a GPS position would be.
    fn insert_exif(jpeg: Vec<u8>) -> Vec<u8> {
        let payload = b"Exif\0\0GPS 29.7200N 106.6300E secret-location";
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(payload);
        let mut with_exif = jpeg[..2].to_vec();
        with_exif.extend_from_slice(&segment);
        with_exif.extend_from_slice(&jpeg[2..]);
        with_exif
    }

    fn jpeg_with_exif() -> Vec<u8> {
        insert_exif(jpeg_of(64, 48))
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
    fn gallery_photos_come_in_two_sizes_without_metadata() {
        let big = RgbImage::from_fn(2000, 1500, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 80).encode_image(&big).expect("encode");
        let photo = gallery_photo(&jpeg).expect("a photo");
        assert_eq!((photo.width, photo.height), (gallery::DESKTOP_SIDE, 1080));
        let phone = image::load_from_memory(&photo.phone).expect("decodes");
        assert_eq!((phone.width(), phone.height()), (gallery::PHONE_SIDE, 540));
        let marked = gallery_photo(&insert_exif(jpeg_of(320, 240))).expect("a photo");
        for bytes in [&marked.phone, &marked.desktop] {
            assert!(!contains(bytes, b"secret-location") && !contains(bytes, b"Exif"));
        }
        assert_eq!(gallery_photo(&jpeg_with_exif()).err(), Some(GalleryRefusal::GalleryTooSmall), "64 × 48 shows nothing");
        assert_eq!(gallery_photo(b"GIF89a").err(), Some(GalleryRefusal::GalleryNotAPhoto));
    }

    #[test]
    fn transparent_gallery_photos_are_laid_on_white() {
        let picture = RgbaImage::from_fn(400, 300, |_, _| Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(picture).write_to(&mut Cursor::new(&mut png), ImageFormat::Png).expect("png");
        let photo = gallery_photo(&png).expect("a photo");
        let decoded = image::load_from_memory(&photo.desktop).expect("decodes").to_rgb8();
        assert!(decoded.get_pixel(10, 10).0.iter().all(|c| *c > 240), "white, not black");
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
