package io.rackdesk.archfixture.views;

/** Breaks the view rule on purpose (opens a libvirt connection from a view). */
public class ViewCallingLibvirt {
    public Object open() throws Exception {
        return new org.libvirt.Connect("test:///default");
    }
}
