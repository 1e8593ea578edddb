//! Walking DER as it was received, without decoding and re-encoding it.
//!
//! Signatures cover bytes, not values: `der` sorts every SET OF it decodes, so
//! re-encoding a decoded structure can give different bytes than were signed
//! (signed attributes or names written in another order by a foreign signer).
//! The verifier therefore keeps the received encodings of what it hashes.

use der::{Decode as _, Encode as _, Header, Length, Reader as _, SliceReader, Tag};

/// One tag-length-value element, borrowed from the input.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tlv<'a> {
    /// The element's tag.
    pub tag: Tag,
    /// The content octets.
    pub value: &'a [u8],
    /// The whole element: tag, length and content.
    pub encoded: &'a [u8],
}

/// Reads the first element of `input`; answers it and the bytes after it.
pub(crate) fn read_tlv(input: &[u8]) -> der::Result<(Tlv<'_>, &[u8])> {
    let mut reader = SliceReader::new(input)?;
    let header = Header::decode(&mut reader)?;
    let header_len = usize::try_from(reader.position())?;
    let value_len = usize::try_from(header.length)?;
    let end = header_len
        .checked_add(value_len)
        .ok_or_else(|| der::Error::from(der::ErrorKind::Overflow))?;
    let (encoded, rest) = input
        .split_at_checked(end)
        .ok_or_else(|| der::Error::incomplete(Length::try_from(input.len()).unwrap_or_default()))?;
    Ok((
        Tlv {
            tag: header.tag,
            value: &encoded[header_len..],
            encoded,
        },
        rest,
    ))
}

/// The elements inside a constructed element's content octets.
pub(crate) fn children(value: &[u8]) -> der::Result<Vec<Tlv<'_>>> {
    let mut rest = value;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (tlv, after) = read_tlv(rest)?;
        out.push(tlv);
        rest = after;
    }
    Ok(out)
}

/// The content octets re-tagged as a universal SET: how CMS hashes signed
/// attributes that travel as `[0] IMPLICIT` (RFC 5652 §5.4).
pub(crate) fn as_set(value: &[u8]) -> der::Result<Vec<u8>> {
    let mut out = Header::new(Tag::Set, Length::try_from(value.len())?)?.to_der()?;
    out.extend_from_slice(value);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_elements_and_keeps_trailing_bytes() {
        // SEQUENCE { INTEGER 5, OCTET STRING 'ab' } followed by padding.
        let input = [0x30, 0x07, 0x02, 0x01, 0x05, 0x04, 0x02, b'a', b'b', 0, 0];
        let (outer, rest) = read_tlv(&input).unwrap();
        assert_eq!(outer.tag, Tag::Sequence);
        assert_eq!(outer.encoded.len(), 9);
        assert_eq!(rest, &[0, 0]);
        let inner = children(outer.value).unwrap();
        assert_eq!(inner.len(), 2);
        assert_eq!(inner[1].value, b"ab");
    }

    #[test]
    fn a_length_beyond_the_input_is_an_error() {
        assert!(read_tlv(&[0x30, 0x05, 0x02, 0x01]).is_err());
        assert!(read_tlv(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err());
        assert!(read_tlv(&[]).is_err());
    }

    #[test]
    fn implicit_attributes_become_a_set() {
        assert_eq!(as_set(&[0x05, 0x00]).unwrap(), vec![0x31, 0x02, 0x05, 0x00]);
    }
}
