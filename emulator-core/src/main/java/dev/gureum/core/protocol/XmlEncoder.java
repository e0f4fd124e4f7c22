package dev.gureum.core.protocol;

import java.util.Map;

/** Writes a {@link Struct}'s members as XML elements, the way the XML protocols lay out shapes. */
public final class XmlEncoder {

    private final String defaultMemberName;

    /**
     * @param defaultMemberName the element name of a wrapped list's items when the list does not name
     *                          them: {@code member} in the query protocol, {@code item} in EC2
     */
    public XmlEncoder(String defaultMemberName) {
        this.defaultMemberName = defaultMemberName;
    }

    public void members(XmlWriter xml, Struct struct) {
        for (int i = 0; i < struct.size(); i++) {
            member(xml, struct.name(i), struct.value(i));
        }
    }

    public void member(XmlWriter xml, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Struct struct) {
            xml.start(name);
            members(xml, struct);
            xml.end(name);
        } else if (value instanceof ListValue list) {
            if (list.flattened()) {
                String itemName = list.memberName() == null ? name : list.memberName();
                for (Object item : list.items()) {
                    member(xml, itemName, item);
                }
            } else {
                String itemName = list.memberName() == null ? defaultMemberName : list.memberName();
                xml.start(name);
                for (Object item : list.items()) {
                    member(xml, itemName, item);
                }
                xml.end(name);
            }
        } else if (value instanceof MapValue map) {
            if (!map.flattened()) {
                xml.start(name);
            }
            String entryName = map.flattened() && map.entryName() == null ? name : map.entryName();
            for (Map.Entry<String, Object> e : map.entries().entrySet()) {
                xml.start(entryName);
                xml.element(map.keyName(), e.getKey());
                member(xml, map.valueName(), e.getValue());
                xml.end(entryName);
            }
            if (!map.flattened()) {
                xml.end(name);
            }
        } else {
            xml.element(name, Values.text(value));
        }
    }
}
