package io.avatardrive.zego;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZegoSignerTest {

    @Test
    void signatureMatchesTheVendorTestVector() {
        assertEquals("43e5cfcca828314675f91b001390566a",
                ZegoSigner.signature("12345", "4fd24687296dd9f3", "9193cc662a4c0ec135ec71fb57194b38", 1615186943L));
    }

    @Test
    void everyCallGetsAFreshSixteenHexNonceAndItsOwnSignature() {
        ZegoSigner signer = new ZegoSigner();
        Set<String> nonces = new HashSet<>();
        Set<String> signatures = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ZegoSigner.SignedQuery q = signer.sign("DriveByWsStream", "12345", "secret", 1615186943L);
            assertTrue(q.nonce().matches("[0-9a-f]{16}"), q.nonce());
            nonces.add(q.nonce());
            signatures.add(q.signature());
        }
        assertEquals(1000, nonces.size());
        assertEquals(1000, signatures.size());
    }

    @Test
    void queryCarriesTheCommonParametersButNotTheSecret() {
        ZegoSigner.SignedQuery q = new ZegoSigner().sign("DriveByWsStream", "12345", "topsecretvalue", 1615186943L);
        String query = q.toQueryString();
        assertTrue(query.startsWith("Action=DriveByWsStream&AppId=12345&SignatureNonce=" + q.nonce()), query);
        assertTrue(query.contains("&SignatureVersion=2.0&Timestamp=1615186943&Signature=" + q.signature()), query);
        assertTrue(!query.contains("topsecretvalue"));
    }
}
