package io.rackdesk.views.icons;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignO;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** Every icon Rackdesk shows, in one place (Material Design Icons through Ikonli). */
public enum RackdeskIcon {
    APP(MaterialDesignS.SERVER_NETWORK),
    ADD(MaterialDesignP.PLUS),
    ALL_VMS(MaterialDesignM.MONITOR_MULTIPLE),
    HOST(MaterialDesignS.SERVER),
    VMS(MaterialDesignM.MONITOR),
    STORAGE(MaterialDesignD.DATABASE),
    POOL(MaterialDesignF.FOLDER_OUTLINE),
    VOLUME(MaterialDesignH.HARDDISK),
    NETWORKS(MaterialDesignL.LAN),
    CONNECT(MaterialDesignL.LAN_CONNECT),
    DISCONNECT(MaterialDesignL.LAN_DISCONNECT),
    REFRESH(MaterialDesignR.REFRESH),
    CONNECTING(MaterialDesignD.DOTS_HORIZONTAL_CIRCLE_OUTLINE),
    CONNECTED(MaterialDesignC.CHECK_CIRCLE),
    FAILED(MaterialDesignA.ALERT_CIRCLE),
    DISCONNECTED(MaterialDesignC.CIRCLE_OUTLINE),
    THEME_DARK(MaterialDesignW.WEATHER_NIGHT),
    THEME_LIGHT(MaterialDesignW.WEATHER_SUNNY),
    FILTER(MaterialDesignM.MAGNIFY),
    VM_RUNNING(MaterialDesignP.PLAY_CIRCLE),
    VM_PAUSED(MaterialDesignP.PAUSE_CIRCLE),
    VM_SHUTOFF(MaterialDesignS.STOP_CIRCLE_OUTLINE),
    VM_CRASHED(MaterialDesignA.ALERT_OCTAGON),
    VM_SUSPENDED(MaterialDesignP.POWER_SLEEP),
    VM_TRANSITION(MaterialDesignP.PROGRESS_CLOCK),
    BROWSE_FILE(MaterialDesignF.FILE_DOCUMENT_OUTLINE),
    BROWSE_FOLDER(MaterialDesignF.FOLDER_OPEN_OUTLINE),
    KEY_FILE(MaterialDesignF.FILE_KEY_OUTLINE),
    CERTIFICATE(MaterialDesignC.CERTIFICATE_OUTLINE),
    TEST_CONNECTION(MaterialDesignL.LAN_PENDING),
    HOST_KEY(MaterialDesignS.SHIELD_KEY_OUTLINE),
    HOST_KEY_CHANGED(MaterialDesignS.SHIELD_ALERT_OUTLINE),
    WARNING(MaterialDesignA.ALERT_OUTLINE),
    URI(MaterialDesignL.LINK_VARIANT),
    REMOVE(MaterialDesignD.DELETE_OUTLINE),
    POWER(MaterialDesignP.POWER),
    RESTART(MaterialDesignR.RESTART),
    FORCE_OFF(MaterialDesignP.POWER_PLUG_OFF),
    RESUME(MaterialDesignP.PLAY),
    RETRYING(MaterialDesignT.TIMER_SAND),
    SAVE(MaterialDesignC.CONTENT_SAVE),
    SHOW_CHANGES(MaterialDesignF.FILE_COMPARE),
    REVERT(MaterialDesignU.UNDO_VARIANT),
    CEPH(MaterialDesignH.HEXAGON_MULTIPLE_OUTLINE),
    ADD_CEPH(MaterialDesignD.DATABASE_PLUS),
    RBD_SNAPSHOT(MaterialDesignC.CAMERA_PLUS_OUTLINE),
    PROTECT(MaterialDesignL.LOCK_OUTLINE),
    UNPROTECT(MaterialDesignL.LOCK_OPEN_VARIANT_OUTLINE),
    CLONE(MaterialDesignC.CONTENT_COPY),
    FLATTEN(MaterialDesignL.LAYERS_OFF_OUTLINE),
    RESIZE(MaterialDesignA.ARROW_EXPAND_HORIZONTAL),
    ROLLBACK(MaterialDesignH.HISTORY),
    ATTACH_DISK(MaterialDesignH.HARDDISK_PLUS),
    CANCEL(MaterialDesignC.CANCEL),
    MUTE(MaterialDesignB.BELL_OFF_OUTLINE),
    UNMUTE(MaterialDesignB.BELL_RING_OUTLINE),
    SCRUB(MaterialDesignB.BROOM),
    REPAIR(MaterialDesignW.WRENCH_OUTLINE),
    OSD_IN(MaterialDesignL.LOGIN),
    OSD_OUT(MaterialDesignL.LOGOUT),
    OSD_DOWN(MaterialDesignA.ARROW_DOWN_BOLD_CIRCLE_OUTLINE),
    REWEIGHT(MaterialDesignS.SCALE_BALANCE),
    CONSOLE(MaterialDesignM.MONITOR_SCREENSHOT),
    CONSOLE_FIT(MaterialDesignF.FIT_TO_SCREEN_OUTLINE),
    CONSOLE_KEYS(MaterialDesignK.KEYBOARD_OUTLINE),
    CONSOLE_VIEW_ONLY(MaterialDesignE.EYE_OUTLINE),
    CONSOLE_CLIPBOARD_OUT(MaterialDesignC.CLIPBOARD_ARROW_RIGHT_OUTLINE),
    CONSOLE_CLIPBOARD_IN(MaterialDesignC.CLIPBOARD_ARROW_LEFT_OUTLINE),
    CONSOLE_SCREENSHOT(MaterialDesignC.CAMERA_OUTLINE),
    CONSOLE_DETACH(MaterialDesignO.OPEN_IN_NEW),
    CONSOLE_FULLSCREEN(MaterialDesignF.FULLSCREEN),
    CONSOLE_FULLSCREEN_EXIT(MaterialDesignF.FULLSCREEN_EXIT),
    CONSOLE_RESIZE_GUEST(MaterialDesignM.MONITOR_SCREENSHOT),
    CONSOLE_TRUST_KEY(MaterialDesignK.KEY_OUTLINE);

    private final Ikon ikon;

    RackdeskIcon(Ikon ikon) {
        this.ikon = ikon;
    }

    public Ikon ikon() {
        return ikon;
    }

    /** A new icon node; colour comes from CSS (-fx-icon-color), so themes apply. */
    public FontIcon node() {
        return FontIcon.of(ikon);
    }
}
