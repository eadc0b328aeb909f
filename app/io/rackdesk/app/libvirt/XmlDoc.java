package io.rackdesk.app.libvirt;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** A parsed libvirt XML description with XPath look-ups; DTDs and external entities are refused. */
final class XmlDoc {
    private static final DocumentBuilderFactory FACTORY = factory();
    /** Factories are slow to make (service look-ups) and parsers are not thread-safe: one of each per thread. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final ThreadLocal<XPath> XPATH = ThreadLocal.withInitial(() -> XPathFactory.newInstance().newXPath());
    private static final org.xml.sax.ErrorHandler QUIET = new org.xml.sax.helpers.DefaultHandler();
    private final Document doc;

    private XmlDoc(Document doc) {
        this.doc = doc;
    }

    static XmlDoc parse(String xml) {
        return new XmlDoc(parseDocument(xml));
    }

    /** Parses with this thread's secure parser; malformed input gives IllegalArgumentException with the reason. */
    static Document parseDocument(String xml) {
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setErrorHandler(QUIET); // the exception carries the reason; no "[Fatal Error]" on stderr
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    Element root() {
        return doc.getDocumentElement();
    }

    /** The string value of {@code expr}, or null when it selects nothing. */
    String text(String expr) {
        XPath xpath = XPATH.get();
        try {
            if (!(Boolean) xpath.evaluate("boolean(" + expr + ")", doc, XPathConstants.BOOLEAN)) {
                return null;
            }
            return xpath.evaluate(expr, doc).strip();
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expr, e);
        }
    }

    /** A namespace-aware parser factory that refuses DTDs, external entities and XInclude. */
    static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
