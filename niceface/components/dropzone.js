// DropZone: the whole area is a drop target and a button (click, Enter or Space opens the chooser),
// and it takes a picture pasted from the clipboard (Ctrl+V while focused, or the Paste button).
// Files go up by HTTP to the upload route of NiceGUI's ui.upload, which this element extends.
export default {
  template: `
    <div class="nf-drop" :class="{ 'nf-drop-over': over, 'nf-drop-filled': !empty }" tabindex="0" role="button"
         :aria-label="label || 'Choose a file'" @click="clicked" @keydown.enter.prevent="choose"
         @keydown.space.prevent="choose" @dragover.prevent="over = true" @dragleave="over = false"
         @drop.prevent="dropped" @paste="pasted">
      <input ref="input" type="file" :accept="accept" style="display: none" @change="picked" @click.stop>
      <slot></slot>
      <div v-if="empty || busy" class="nf-drop-hint">
        <span v-if="busy">Uploading…</span>
        <span v-else><strong>Click to choose</strong> or drop {{ what }} here<span v-if="pastes"><br>or paste one</span></span>
      </div>
      <button v-if="pastes && canRead" type="button" class="nf-drop-paste" @click.stop="readClipboard">Paste</button>
    </div>`,
  props: { url: String, accept: String, label: String, what: { type: String, default: "a file" },
           empty: { type: Boolean, default: true }, pastes: Boolean, maxFileSize: Number },
  data() { return { over: false, busy: false, canRead: !!(navigator.clipboard && navigator.clipboard.read) }; },
  methods: {
    choose() { this.$refs.input.click(); },
    clicked(event) {  // players and links inside the zone keep their own clicks
      if (!event.target.closest("audio, video, a, button, input")) this.choose();
    },
    picked(event) { const file = event.target.files[0]; event.target.value = ""; if (file) this.send(file); },
    dropped(event) { this.over = false; const file = event.dataTransfer.files[0]; if (file) this.send(file); },
    pasted(event) {
      const item = [...(event.clipboardData?.items || [])].find((i) => i.kind === "file");
      if (item) { event.preventDefault(); this.send(item.getAsFile()); }
    },
    async readClipboard() {
      let items;
      try { items = await navigator.clipboard.read(); }
      catch (e) { this.$emit("paste_failed", "denied"); return; }
      for (const item of items) {
        const type = item.types.find((t) => t.startsWith("image/"));
        if (type) { const blob = await item.getType(type); return this.send(new File([blob], "pasted", { type })); }
      }
      this.$emit("paste_failed", "empty");
    },
    async send(file) {
      const limit = this.maxFileSize;
      if (limit && file.size > limit) { this.$emit("rejected"); return; }
      const form = new FormData();
      form.append("file", file, file.name || "pasted");
      this.busy = true;
      try {
        const answer = await fetch(window.path_prefix + this.url, { method: "POST", body: form });
        if (!answer.ok) this.$emit("rejected");
      } catch (e) { this.$emit("rejected"); } finally { this.busy = false; }
    },
  },
};
