package io.rackdesk.viewmodels.vms;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.VmAction;
import io.rackdesk.app.model.VmState;

/** The words for VM states and actions, in the user's language, in one place. */
public final class VmTexts {
    private VmTexts() {
    }

    public static String state(Localization l10n, VmState state) {
        return switch (state) {
            case RUNNING -> l10n.lang("vm.state.running");
            case BLOCKED -> l10n.lang("vm.state.blocked");
            case PAUSED -> l10n.lang("vm.state.paused");
            case SHUTDOWN -> l10n.lang("vm.state.shutdown");
            case SHUTOFF -> l10n.lang("vm.state.shutoff");
            case CRASHED -> l10n.lang("vm.state.crashed");
            case PMSUSPENDED -> l10n.lang("vm.state.pmsuspended");
            case NOSTATE -> l10n.lang("vm.state.nostate");
        };
    }

    public static String action(Localization l10n, VmAction a) {
        return switch (a) {
            case START -> l10n.lang("vm.action.start");
            case SHUTDOWN -> l10n.lang("vm.action.shutdown");
            case REBOOT -> l10n.lang("vm.action.reboot");
            case RESET -> l10n.lang("vm.action.reset");
            case FORCE_OFF -> l10n.lang("vm.action.forceOff");
            case PAUSE -> l10n.lang("vm.action.pause");
            case RESUME -> l10n.lang("vm.action.resume");
            case SAVE -> l10n.lang("vm.action.save");
            case AUTOSTART_ON -> l10n.lang("vm.action.autostartOn");
            case AUTOSTART_OFF -> l10n.lang("vm.action.autostartOff");
        };
    }
}
