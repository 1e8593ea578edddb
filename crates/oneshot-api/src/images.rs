//! Images for the visible signature.

use std::collections::BTreeMap;

use bytes::Bytes;
use reqwest::Method;
use reqwest::multipart::Form;

use crate::call::{self, Call, Once};
use crate::client::Client;
use crate::documents::{StoredFile, with_uids};
use crate::transfer::{FileSource, Meter, mime_for};

/// Image operations. Get it from [`Client::images`].
#[derive(Debug, Clone, Copy)]
pub struct Images<'a> {
    client: &'a Client,
}

impl Client {
    /// Upload, list, fetch and delete images for visible signatures.
    pub fn images(&self) -> Images<'_> {
        Images { client: self }
    }
}

impl Images<'_> {
    /// `POST /image`: uploads a PNG; answers its uid, to name in
    /// [`VisibleSignature::image`](crate::VisibleSignature::image).
    pub fn upload(&self, image: FileSource) -> Call<String, Once> {
        let form = async move {
            image.size().await?;
            let part = image.part(mime_for(&image.file_name()), Meter::new(None, None));
            Ok(Form::new().part("image", part.await?))
        };
        Call::new(
            self.client,
            "upload_image",
            Method::POST,
            vec!["image".into()],
            call::json("upload_image", |uid: String| Ok(uid)),
        )
        .once()
        .multipart(form)
    }

    /// `GET /image/{uid}`: the image bytes.
    pub fn retrieve(&self, uid: &str) -> Call<Bytes> {
        Call::new(
            self.client,
            "retrieve_image",
            Method::GET,
            vec!["image".into(), uid.to_owned()],
            call::bytes("retrieve_image"),
        )
    }

    /// `DELETE /image/{uid}`: answers the confirmation.
    pub fn delete(&self, uid: &str) -> Call<String> {
        Call::new(
            self.client,
            "delete_image",
            Method::DELETE,
            vec!["image".into(), uid.to_owned()],
            call::json("delete_image", |message: String| Ok(message)),
        )
    }

    /// `GET /images`: every image, ordered by uid.
    pub fn list(&self) -> Call<Vec<StoredFile>> {
        Call::new(
            self.client,
            "list_images",
            Method::GET,
            vec!["images".into()],
            call::json("list_images", |files: BTreeMap<String, StoredFile>| {
                Ok(with_uids(files))
            }),
        )
    }

    /// `DELETE /images`: deletes every image.
    pub fn delete_all(&self) -> Call<String> {
        Call::new(
            self.client,
            "delete_all_images",
            Method::DELETE,
            vec!["images".into()],
            call::json("delete_all_images", |message: String| Ok(message)),
        )
    }
}
