//! Small non-cryptographic hashes: FNV-1a for names (stable, documented values); a
//! word-at-a-time hasher for hash maps of words; and XXH64 for whole files (the find cache's
//! checksum, and the fingerprint that tells whether a data file changed), where every bit
//! must count.

/// FNV-1a, 64 bits: a stable hash for file names (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A hash of bytes, eight at a time, with their length mixed in: fast, but it cancels some
/// two-bit changes, so it is no longer used for files (see [`xxh64`]).
#[cfg(test)]
fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = ContentHasher::default();
    hasher.update(bytes);
    hasher.finish()
}

/// [`content_hash`] fed in pieces (a file written in chunks): the same result for the same
/// bytes however they are split.
#[derive(Clone, Debug)]
pub struct ContentHasher {
    hash: u64,
    len: u64,
    tail: [u8; 8],
    tail_len: usize,
}

impl Default for ContentHasher {
    fn default() -> Self {
        Self {
            hash: 0xcbf2_9ce4_8422_2325,
            len: 0,
            tail: [0; 8],
            tail_len: 0,
        }
    }
}

const PRIME: u64 = 0x9e37_79b9_7f4a_7c15;

impl ContentHasher {
    fn word(&mut self, word: [u8; 8]) {
        self.hash = (self.hash ^ u64::from_le_bytes(word))
            .wrapping_mul(PRIME)
            .rotate_left(29);
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.tail_len > 0 {
            let take = (8 - self.tail_len).min(bytes.len());
            self.tail[self.tail_len..self.tail_len + take].copy_from_slice(&bytes[..take]);
            self.tail_len += take;
            bytes = &bytes[take..];
            if self.tail_len < 8 {
                return;
            }
            self.word(self.tail);
            self.tail_len = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.word(word);
        }
        let rest = chunks.remainder();
        self.tail[..rest.len()].copy_from_slice(rest);
        self.tail_len = rest.len();
    }

    pub fn finish(&self) -> u64 {
        let mut hash = self.hash;
        for &byte in &self.tail[..self.tail_len] {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME).rotate_left(29);
        }
        hash ^= self.len.wrapping_mul(PRIME);
        hash ^ (hash >> 32)
    }
}

/// XXH64 (seed 0) as its specification defines it, so a cache file can be checked with any
/// `xxhsum -H1` (of all but its last eight bytes). Its four lanes run in parallel (5.5 GB/s
/// on the machine of the README's Performance section), and its avalanche is complete: a
/// 64-bit result misses a random corruption once in 2^64, where the one-multiply
/// [`content_hash`] cancels some two-bit changes outright (bit 63 of one word with bit 28 of
/// the next). Not for security: anyone who can write the file can also fix its checksum.
pub fn xxh64(bytes: &[u8]) -> u64 {
    let mut hasher = Xxh64::default();
    hasher.update(bytes);
    hasher.finish()
}

const P1: u64 = 0x9e37_79b1_85eb_ca87;
const P2: u64 = 0xc2b2_ae3d_27d4_eb4f;
const P3: u64 = 0x1656_67b1_9e37_79f9;
const P4: u64 = 0x85eb_ca77_c2b2_ae63;
const P5: u64 = 0x27d4_eb2f_1656_67c5;

/// [`xxh64`] fed in pieces (a file read section by section): the same result for the same
/// bytes however they are split.
#[derive(Clone, Debug)]
pub struct Xxh64 {
    lanes: [u64; 4],
    /// Bytes waiting for a whole 32-byte stripe.
    stripe: [u8; 32],
    buffered: usize,
    len: u64,
}

impl Default for Xxh64 {
    fn default() -> Self {
        Self {
            lanes: [P1.wrapping_add(P2), P2, 0, 0u64.wrapping_sub(P1)],
            stripe: [0; 32],
            buffered: 0,
            len: 0,
        }
    }
}

fn xxh_round(acc: u64, input: u64) -> u64 {
    acc.wrapping_add(input.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

fn u64_at(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

impl Xxh64 {
    fn stripe(lanes: &mut [u64; 4], stripe: &[u8]) {
        for (lane, word) in lanes.iter_mut().zip(stripe.chunks_exact(8)) {
            *lane = xxh_round(*lane, u64_at(word));
        }
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.buffered > 0 {
            let take = (32 - self.buffered).min(bytes.len());
            self.stripe[self.buffered..self.buffered + take].copy_from_slice(&bytes[..take]);
            self.buffered += take;
            bytes = &bytes[take..];
            if self.buffered < 32 {
                return;
            }
            Self::stripe(&mut self.lanes, &self.stripe);
            self.buffered = 0;
        }
        let mut stripes = bytes.chunks_exact(32);
        for stripe in &mut stripes {
            Self::stripe(&mut self.lanes, stripe);
        }
        let rest = stripes.remainder();
        self.stripe[..rest.len()].copy_from_slice(rest);
        self.buffered = rest.len();
    }

    pub fn finish(&self) -> u64 {
        let mut hash = if self.len >= 32 {
            let [a, b, c, d] = self.lanes;
            let hash = a
                .rotate_left(1)
                .wrapping_add(b.rotate_left(7))
                .wrapping_add(c.rotate_left(12))
                .wrapping_add(d.rotate_left(18));
            self.lanes.iter().fold(hash, |hash, &lane| {
                (hash ^ xxh_round(0, lane))
                    .wrapping_mul(P1)
                    .wrapping_add(P4)
            })
        } else {
            P5
        };
        hash = hash.wrapping_add(self.len);
        let mut rest = &self.stripe[..self.buffered];
        while rest.len() >= 8 {
            hash = (hash ^ xxh_round(0, u64_at(rest)))
                .rotate_left(27)
                .wrapping_mul(P1)
                .wrapping_add(P4);
            rest = &rest[8..];
        }
        if rest.len() >= 4 {
            let mut word = [0u8; 4];
            word.copy_from_slice(&rest[..4]);
            hash = (hash ^ u64::from(u32::from_le_bytes(word)).wrapping_mul(P1))
                .rotate_left(23)
                .wrapping_mul(P2)
                .wrapping_add(P3);
            rest = &rest[4..];
        }
        for &byte in rest {
            hash = (hash ^ u64::from(byte).wrapping_mul(P5))
                .rotate_left(11)
                .wrapping_mul(P1);
        }
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(P2);
        hash ^= hash >> 29;
        hash = hash.wrapping_mul(P3);
        hash ^ (hash >> 32)
    }
}

/// So a `HashMap` can use it for keys that are short strings.
impl std::hash::Hasher for ContentHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }

    fn finish(&self) -> u64 {
        ContentHasher::finish(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn content_hash_sees_every_byte_and_the_length() {
        let base = b"Nam \xc4\x90\xe1\xbb\x8bnh, 2011-11-30 done".to_vec();
        let h = content_hash(&base);
        for i in 0..base.len() {
            let mut changed = base.clone();
            changed[i] ^= 1;
            assert_ne!(content_hash(&changed), h, "byte {i}");
        }
        assert_ne!(content_hash(&base[..base.len() - 1]), h);
        assert_ne!(content_hash(b""), content_hash(b"\0"));
    }

    #[test]
    fn xxh64_matches_the_reference_values() {
        // From the reference implementation (`xxhsum -H1`, Python's `xxhash`): every path
        // through the code, the four lanes, eight, four and single bytes.
        assert_eq!(xxh64(b""), 0xef46_db37_51d8_e999);
        assert_eq!(xxh64(b"a"), 0xd24e_c4f1_a98c_6e5b);
        assert_eq!(xxh64(b"abc"), 0x44bc_2cf5_ad77_0999);
        assert_eq!(
            xxh64(b"Nobody inspects the spammish repetition"),
            0xfbce_a83c_8a37_8bf1
        );
        let long: Vec<u8> = (0..3).flat_map(|_| 0..=255u8).chain(*b"xyz").collect();
        assert_eq!(long.len(), 771);
        assert_eq!(xxh64(&long), 0xe921_a1b4_5bd7_79f8);
    }

    #[test]
    fn xxh64_sees_the_two_bit_change_that_content_hash_misses() {
        let base = [0u8; 16];
        let mut changed = base;
        changed[7] ^= 0x80; // bit 63 of the first word
        changed[11] ^= 0x10; // bit 28 of the second
        assert_eq!(content_hash(&changed), content_hash(&base));
        assert_ne!(xxh64(&changed), xxh64(&base));
    }

    #[test]
    fn xxh64_in_pieces_hashes_like_the_whole() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 13 % 251) as u8).collect();
        for len in [0, 1, 7, 31, 32, 33, 63, 64, 65, 1000] {
            let bytes = &bytes[..len];
            for split in [0, 1, 3, 8, 31, 32, 33, 500] {
                let split = split.min(len);
                for piece_len in [1, 5, 32, 40] {
                    let mut hasher = Xxh64::default();
                    hasher.update(&bytes[..split]);
                    for piece in bytes[split..].chunks(piece_len) {
                        hasher.update(piece);
                    }
                    assert_eq!(
                        hasher.finish(),
                        xxh64(bytes),
                        "{len} bytes split at {split}, then pieces of {piece_len}"
                    );
                }
            }
        }
        // And the whole is the reference: streaming did not change the one-shot values.
        assert_eq!(
            xxh64(b"Nobody inspects the spammish repetition"),
            0xfbce_a83c_8a37_8bf1
        );
    }

    #[test]
    fn pieces_hash_like_the_whole() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        for split in [0, 1, 3, 8, 9, 500, 999, 1000] {
            let mut hasher = ContentHasher::default();
            hasher.update(&bytes[..split]);
            for piece in bytes[split..].chunks(13) {
                hasher.update(piece);
            }
            assert_eq!(hasher.finish(), content_hash(&bytes), "split at {split}");
        }
    }
}
