//! Images: pictures for visible signatures (a handwritten signature, a seal).

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::api::form::FormData;
use crate::api::{Answer, AppState};
use crate::error::Error;
use crate::media::check_image;
use crate::store::{ImageInfo, blocking};
use crate::timefmt;

pub async fn upload(
    State(state): State<AppState>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Answer, Error> {
    let form = FormData::read(multipart).await?;
    let mut parts = form.files.into_iter().filter(|f| f.field == "image");
    let Some(part) = parts.next() else {
        return Err(Error::BadRequest(
            "Missing required parameter: 'image'".into(),
        ));
    };
    if parts.next().is_some() {
        return Err(Error::BadRequest("Upload one image per call".into()));
    }
    let bytes = part.bytes.to_vec();
    let name = part.display_name();
    let (checked, bytes) = blocking(move || Ok((check_image(&bytes), bytes))).await?;
    let Some(checked) = checked else {
        return Err(Error::UnsupportedMediaType(format!(
            "Image file type not supported: {name} (expected PNG or JPEG)"
        )));
    };
    let info = ImageInfo {
        upload_date: timefmt::image_date(time::OffsetDateTime::now_utc()),
        ext: checked.format.ext().to_owned(),
        width: checked.width,
        height: checked.height,
        mime: checked.format.mime().to_owned(),
        filename: name,
    };
    let uid = state.store.images.add(info, bytes).await?;
    Ok(Answer::ok(uid))
}

pub async fn get(
    State(state): State<AppState>,
    Path(uid): Path<String>,
) -> Result<Response, Error> {
    match state.store.images.get(&uid).await? {
        Some((info, bytes)) => Ok(([(header::CONTENT_TYPE, info.mime)], bytes).into_response()),
        None => Err(Error::NotFound(format!("Image with uid {uid} not found"))),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Path(uid): Path<String>,
) -> Result<Answer, Error> {
    if state.store.images.delete(&uid).await? {
        Ok(Answer::ok("Image deleted"))
    } else {
        Err(Error::NotFound(format!(
            "Image with uid {uid} not found on disk"
        )))
    }
}

pub async fn list(State(state): State<AppState>) -> Result<Answer, Error> {
    let details: Map<String, Value> = state
        .store
        .images
        .list()
        .await?
        .into_iter()
        .map(|(uid, info)| {
            (
                uid,
                json!({
                    "upload_date": info.upload_date,
                    "ext": info.ext,
                    "size": [info.width, info.height],
                    "mime": info.mime,
                    "filename": info.filename,
                }),
            )
        })
        .collect();
    Ok(Answer::ok(details))
}

pub async fn delete_all(State(state): State<AppState>) -> Result<Answer, Error> {
    state.store.images.delete_all().await?;
    Ok(Answer::ok("Images deleted successfully"))
}

pub async fn missing_uid() -> Error {
    Error::BadRequest("Missing required parameters: Image uid not specified".into())
}
