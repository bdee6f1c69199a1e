package io.avatardrive.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Words for a Volcengine avatar to say, checked before any session opens: UTF-8, not empty, no control characters,
 * SSML well-formed with one {@code <speak>} root, and no longer than the configured limit, so a refusal never costs a
 * session and a long text is refused rather than cut.
 *
 * @param text       what goes after {@code |CTL|02|}: the input as written, without a byte-order mark or surrounding
 *                   white space
 * @param characters the characters the avatar says: all of a plain text, the text content of SSML (its tags say none)
 */
public record SpeechText(TextKind kind, String text, int characters) {

    /** Room for SSML markup beyond the spoken characters' worst-case four bytes each. */
    private static final int MARKUP_BYTES = 64 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * Reads and checks one clip's text; {@code maxChars} is the backend's limit, which the setting {@code limitKey}
     * names. Reads no more than such a text can take, so an endless or huge input is refused without being held.
     */
    public static SpeechText read(String name, InputStream in, TextKind kind, int maxChars, String limitKey)
            throws IOException {
        long maxBytes = (long) maxChars * 4 + (kind == TextKind.SSML ? MARKUP_BYTES : 0);
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new TextProblem(name + ": the text is longer than " + maxBytes + " bytes, more than " + limitKey + " ("
                                  + maxChars + ") allows; it is refused, not cut");
        }
        String text = decode(name, bytes);
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        text = text.strip();
        if (text.isEmpty()) {
            throw new TextProblem(name + ": the text is empty; there is nothing to say");
        }
        requireNoControlCharacters(name, text);
        String spoken = kind == TextKind.SSML ? spokenSsml(name, text) : text;
        int characters = spoken.codePointCount(0, spoken.length());
        if (characters == 0) {
            throw new TextProblem(name + ": the SSML has no text to say, only tags");
        }
        if (characters > maxChars) {
            throw new TextProblem(name + ": the text has " + characters + " characters, more than " + limitKey + " ("
                                  + maxChars + "); it is refused, not cut");
        }
        return new SpeechText(kind, text, characters);
    }

    private static String decode(String name, byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return utf8.decode(buffer).toString();
        } catch (CharacterCodingException e) {
            // decode stops at the first bad sequence, so the buffer's position says where it is
            throw new TextProblem(name + ": the text is not UTF-8 (an invalid byte sequence at byte " + buffer.position()
                                  + ")", e);
        }
    }

    /** Tabs and line breaks are text; any other control character would be sent to the avatar unseen. */
    private static void requireNoControlCharacters(String name, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new TextProblem(String.format("%s: the text holds the control character U+%04X at character %d",
                        name, (int) c, i));
            }
        }
    }

    /** Parses the SSML (no DTDs, no external entities) and returns the words it says. */
    private static String spokenSsml(String name, String ssml) {
        Element root;
        try {
            root = parser().parse(new InputSource(new StringReader(ssml))).getDocumentElement();
        } catch (SAXParseException e) {
            throw new TextProblem(name + ": the SSML is not well-formed XML (line " + e.getLineNumber() + ", column "
                                  + e.getColumnNumber() + ": " + e.getMessage() + ")", e);
        } catch (SAXException | IOException e) {
            throw new TextProblem(name + ": the SSML is not well-formed XML (" + e.getMessage() + ")", e);
        }
        if (!"speak".equals(root.getLocalName())) {
            throw new TextProblem(name + ": the SSML's root element is <" + root.getNodeName() + ">, not <speak>");
        }
        return root.getTextContent().strip();
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // the default handler prints to stderr; the refusal's reason is enough
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
        }
    }
}
