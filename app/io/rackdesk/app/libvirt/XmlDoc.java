package io.rackdesk.app.libvirt;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
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
    private final Document doc;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    private XmlDoc(Document doc) {
        this.doc = doc;
    }

    static XmlDoc parse(String xml) {
        try {
            return new XmlDoc(FACTORY.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    Element root() {
        return doc.getDocumentElement();
    }

    /** The string value of {@code expr}, or null when it selects nothing. */
    String text(String expr) {
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
