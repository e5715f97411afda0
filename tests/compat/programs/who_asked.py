"""A Gradio 3 style program: fn sees the request that asked for it."""
import niceface as gr


def greet(name: str, request: gr.Request):
    probe = request.headers.get("x-probe", "no probe")
    return f"Hello {name} from {request.client.host} ({probe}, user {request.username})"


demo = gr.Interface(greet, "text", "text", allow_flagging="never")

if __name__ == "__main__":
    demo.launch(share=True, debug=True, show_tips=True)
