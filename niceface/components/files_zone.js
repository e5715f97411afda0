// FilesZone: a drop zone that takes several files at once, or a whole folder (with `directory`:
// the chooser picks folders and a dropped folder is walked). All the files go up in one HTTP
// request to the upload route of NiceGUI's ui.upload, which this element extends.
export default {
  template: `
    <div class="nf-drop" :class="{ 'nf-drop-over': over, 'nf-drop-filled': !empty }" tabindex="0" role="button"
         :aria-label="label || 'Choose files'" @click="clicked" @keydown.enter.prevent="choose"
         @keydown.space.prevent="choose" @dragover.prevent="over = true" @dragleave="over = false"
         @drop.prevent="dropped">
      <input ref="input" type="file" :accept="accept" multiple :webkitdirectory="directory || null"
             style="display: none" @change="picked" @click.stop>
      <slot></slot>
      <div v-if="empty || busy" class="nf-drop-hint">
        <span v-if="busy">Uploading…</span>
        <span v-else><strong>Click to choose</strong> or drop {{ what }} here</span>
      </div>
    </div>`,
  props: { url: String, accept: String, label: String, what: { type: String, default: "files" },
           empty: { type: Boolean, default: true }, directory: Boolean, maxFileSize: Number },
  data() { return { over: false, busy: false }; },
  methods: {
    choose() { this.$refs.input.click(); },
    clicked(event) {  // links and buttons inside the zone keep their own clicks
      if (!event.target.closest("a, button, input")) this.choose();
    },
    picked(event) { const files = [...event.target.files]; event.target.value = ""; this.send(files); },
    async dropped(event) {
      this.over = false;
      const items = [...(event.dataTransfer.items || [])];
      const entries = items.map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
      this.send(entries.length ? await this.walk(entries) : [...event.dataTransfer.files]);
    },
    async walk(entries) {  // the files of dropped files and folders, folders read to the end
      const files = [];
      const visit = async (entry) => {
        if (entry.isFile) { files.push(await new Promise((ok, fail) => entry.file(ok, fail))); return; }
        const reader = entry.createReader();
        for (;;) {
          const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
          if (!batch.length) break;
          for (const child of batch) await visit(child);
        }
      };
      for (const entry of entries) await visit(entry);
      return files;
    },
    async send(files) {
      if (!files.length) return;
      const limit = this.maxFileSize;
      if (limit && files.some((file) => file.size > limit)) { this.$emit("rejected"); return; }
      const form = new FormData();
      files.forEach((file, index) => form.append(`file${index}`, file, file.name || `file${index}`));
      this.busy = true;
      try {
        const answer = await fetch(window.path_prefix + this.url, { method: "POST", body: form });
        if (!answer.ok) this.$emit("rejected");
      } catch (e) { this.$emit("rejected"); } finally { this.busy = false; }
    },
  },
};
