"""Text of the step-by-step page (pages/2_step_by_step.py), its figures and its take-home script (Korean and English, identical keys).

Prose uses Unicode math (∂L/∂w, ŷᵢ, Σ); display formulas are LaTeX built in the page from numbers.
Keys ``sbsfig.*`` follow ``gd_core.figures.derivation.DERIVATION_LABELS`` and ``sbsscript.*``
follow ``gd_core.export.DEFAULT_SCRIPT_TEXT``.
"""

KO: dict[str, str] = {
    # --- page -----------------------------------------------------------------------------
    "sbs.title": "한 단계씩 따라가기",
    "sbs.tagline": "경사하강법의 업데이트 한 번을 숫자 그대로 뜯어봅니다",
    "sbs.intro": (
        "**다음 ▶** 버튼을 누를 때마다 경사하강법이 한 단계씩 진행합니다. 지금 고른 데이터로 세 가지 질문의 답을 직접 확인해 보세요.\n\n"
        "1. ∂L/∂w에는 왜 xᵢ가 곱해져 있을까? → **①** 행에서 기울기 조립하기\n"
        "2. 왜 기울기를 *빼는* 걸까? → **②** 단면과 접선, **③** 등고선 지도\n"
        "3. w와 b가 동시에 바뀌는데, 둘 다 최솟값에 도착한다는 걸 어떻게 알 수 있을까? → **④**"
    ),
    # sidebar
    "sbs.side.header": "경사하강법 설정",
    "sbs.lr": "학습률 η (η_c의 몇 배?)",
    "sbs.lr.help": "η_c = 2/λ_max는 이 데이터에서 발산하지 않는 가장 큰 학습률입니다 (λ_max: 헤시안의 가장 큰 고윳값). 1배를 넘기면 발산합니다.",
    "sbs.lr.value": "실제 학습률 η = {eta}  (η_c = {etac})",
    "sbs.w0": "시작점 w₀",
    "sbs.b0": "시작점 b₀",
    "sbs.side.steps": "단계 이동",
    "sbs.caps": "한 번에 계산하는 양의 한도: 단계 {cap:,}개까지, 표에는 앞의 {rows}행 (합계는 전체 행), 등고선 격자 {grid}×{grid}.",
    # step bar
    "sbs.back": "◀ 이전",
    "sbs.next": "다음 ▶",
    "sbs.reset": "⟲ 처음으로",
    "sbs.step": "단계 t",
    "sbs.step.help": "0단계는 시작점입니다. 다음 ▶ 버튼을 누르면 업데이트를 한 번 합니다. 단계 번호는 주소(링크)에도 저장됩니다.",
    "sbs.step.range": "t = {step} / {last}",
    "sbs.status.converged": "이 실행은 {k}단계에서 수렴해 멈춥니다 (초과 손실 L − L\\*이 처음의 10⁻⁹ 아래로 줄었습니다).",
    "sbs.status.converged.start": "시작점이 이미 최솟값이라 움직일 단계가 없습니다. 사이드바에서 시작점을 바꿔 보세요.",
    "sbs.status.diverged": "💥 이 실행은 {k}단계에서 발산했습니다: 손실이 시작값의 10⁶배를 넘었습니다 (η가 η_c의 {mult}배). 그 앞 단계까지만 따라갈 수 있습니다.",
    "sbs.status.cap": "단계는 최대 {cap:,}까지 따라갈 수 있습니다 (그 뒤는 계산하지 않습니다).",
    "sbs.step.clamped": "{asked:,}단계는 이 실행의 마지막 단계보다 뒤라서 {used:,}단계를 보여 줍니다.",
    "sbs.metric.w": "w (직선의 기울기)",
    "sbs.metric.b": "b (절편)",
    "sbs.metric.loss": "손실 L",
    "sbs.metric.help": "아래 작은 숫자는 바로 앞 단계와의 차이입니다.",
    "sbs.error.start": "이 시작점에서는 손실이 너무 커서 계산할 수 없습니다. 시작점 w₀, b₀를 0에 가깝게 바꿔 주세요.",
    # ① table
    "sbs.s1.header": "① 행에서 기울기 조립하기: ∂L/∂w의 xᵢ는 어디서 올까",
    "sbs.s1.lead": "지금 직선 ŷ = w·x + b (w = {w}, b = {b})로 각 행의 예측 ŷᵢ와 잔차 ŷᵢ − yᵢ를 구합니다. 표에는 앞의 {shown}행만 보이지만, 맨 아래 합계(Σ)는 전체 {n:,}행에 대한 값입니다.",
    "sbs.s1.columns": "x = {x}{tx}, y = {y}",
    "sbs.s1.tx.center": " (평균을 뺀 값)",
    "sbs.s1.tx.standardize": " (표준화한 값)",
    "sbs.s1.tx.raw": "",
    "sbs.col.i": "행 i",
    "sbs.col.total": "Σ",
    "sbs.col.residual.help": "잔차: 예측이 실제보다 얼마나 큰가. 이 열의 합에 2/n을 곱하면 ∂L/∂b입니다.",
    "sbs.col.rx.help": "잔차에 xᵢ를 곱한 값. 이 열의 합에 2/n을 곱하면 ∂L/∂w입니다.",
    "sbs.chain.title": "**연쇄 법칙으로 편미분 구하기.**",
    "sbs.chain": (
        "손실은 잔차 rᵢ = ŷᵢ − yᵢ의 제곱을 평균한 것입니다: L = (1/n) Σ rᵢ². 바깥 함수(제곱)의 미분 2rᵢ에 안쪽 함수(잔차)의 미분을 곱합니다. "
        "w를 조금 키우면 예측 ŷᵢ = w·xᵢ + b는 그 xᵢ배만큼 움직이므로 ∂rᵢ/∂w = xᵢ이고, "
        "b를 키우면 모든 예측이 똑같이 움직이므로 ∂rᵢ/∂b = 1입니다. xᵢ는 바로 여기, 안쪽 함수의 미분에서 나옵니다."
    ),
    "sbs.numbers": "**위 표의 합계를 그대로 넣으면** (n = {n:,}):",
    "sbs.update": "**업데이트** (학습률 η = {eta}, 두 편미분 모두 지금의 w, b에서 잰 값):",
    "sbs.engine.same": "엔진(gd.run)이 기록한 {k}단계 값과 같습니다: w = {w}, b = {b}. 다음 ▶ 버튼을 누르면 이 점으로 이동합니다.",
    "sbs.engine.end": "이 실행의 마지막 단계라 더 이동하지 않습니다.",
    # nudge
    "sbs.nudge.title": "**직접 해 보기: w와 b를 ε만큼 살짝 움직여 보기**",
    "sbs.nudge.eps": "움직이는 양 ε",
    "sbs.nudge.w": (
        "w만 ε = {eps} 키우면 (b는 그대로) 예측 ŷᵢ가 **ε·xᵢ**만큼 움직입니다: {rows}. "
        "x가 큰 행일수록 예측이 많이 움직이니, 그 행의 잔차는 xᵢ배의 무게로 손실을 바꿉니다. "
        "손실: L(w) = {l0} → L(w+ε) = {l1}. 변화율은 (L(w+ε) − L(w))/ε = **{fwd}** ≈ ∂L/∂w = **{g}** 입니다."
    ),
    "sbs.nudge.b": (
        "b만 ε = {eps} 키우면 모든 ŷᵢ가 똑같이 **ε**만큼 움직이므로 xᵢ가 곱해지지 않습니다: "
        "(L(b+ε) − L(b))/ε = **{fwd}** ≈ ∂L/∂b = **{g}** 입니다."
    ),
    "sbs.nudge.row": "{i}행(x = {x})은 {d}",
    "sbs.nudge.note": "ε를 줄일수록 변화율이 편미분에 가까워집니다 (차이는 ε × 헤시안 대각 성분의 절반). 양쪽으로 움직인 중앙 차분 (L(+ε) − L(−ε))/2ε는 2차 함수에서 정확히 편미분과 같습니다: {cw}, {cb}.",
    # ② slices
    "sbs.s2.header": "② 왜 기울기를 빼는가: 단면과 접선",
    "sbs.s2.lead": (
        "각 그래프는 한 변수만 움직이고 다른 변수는 고정한 손실의 **단면**입니다. 점선은 현재 점에서의 접선이고, 접선의 기울기가 바로 편미분입니다. "
        "접선의 기울기가 음수이면 오른쪽으로 갈수록 손실이 줄어드니 값을 키워야 하고, 양수이면 줄여야 합니다. 어느 쪽이든 **기울기의 반대 방향**, 즉 −η × (접선의 기울기)만큼 움직여야 내려갑니다."
    ),
    "sbs.flip": "➕ 빼지 말고 더해 보기 (왜 빼기일까?)",
    "sbs.flip.help": "업데이트를 θ − η∇L 대신 θ + η∇L로 한 번 해 봅니다. 단면과 등고선 지도에 보라색 화살표로 나타납니다.",
    "sbs.s2.tangent": "접선(1차 근사)이 예측하는 변화는 ΔL ≈ −η·‖∇L‖² = **{first}** 이고, 이 값은 언제나 0 이하입니다. 실제 변화: ΔL = **{total}** (L: {l0} → {l1}).",
    "sbs.s2.flip": "➕ 더하면 접선이 예측하는 변화는 +η·‖∇L‖² = **{first}** 이고, 실제로도 손실이 늘어납니다: ΔL = **{total}** (L: {l0} → {l1}). 기울기 방향은 손실이 가장 빨리 **커지는** 방향이기 때문입니다.",
    "sbs.s2.zero": "이 점에서는 기울기가 0이라 움직이지 않습니다: 최솟값입니다.",
    "sbs.s2.slice_note": "단면에서 화살표는 업데이트 중 그 변수 몫(w 또는 b)만 보여 줍니다. 실제 한 걸음은 두 변수를 동시에 움직이며, 아래 ③의 지도에 그려져 있습니다.",
    # ③ map
    "sbs.s3.header": "③ 등고선 지도 위의 기울기",
    "sbs.s3.grad": (
        "기울기(그래디언트) ∇L = (∂L/∂w, ∂L/∂b) = ({gw}, {gb})는 현재 점을 지나는 등고선에 수직이고, 손실이 가장 빠르게 커지는 방향입니다. "
        "경사하강법은 그 반대쪽으로 η배만큼 갑니다: (Δw, Δb) = −η∇L = ({dw}, {db})."
    ),
    "sbs.seq": "🔀 순차 업데이트와 비교 (b를 새 w로 갱신)",
    "sbs.seq.help": "표준 규칙은 두 편미분을 모두 이전 (w, b)에서 잽니다. 순차 업데이트는 w를 먼저 바꾼 뒤, 바뀐 w로 ∂L/∂b를 다시 재서 b를 바꿉니다.",
    "sbs.seq.numbers": "이 점에서 한 번만 비교하면:",
    "sbs.seq.simultaneous": "동시 업데이트 (표준)",
    "sbs.seq.sequential": "순차 업데이트",
    "sbs.seq.status.converged": "순차 업데이트 경로는 {k}단계에서 수렴했습니다 (표준 경로: {k2}단계).",
    "sbs.seq.status.diverged": "순차 업데이트 경로는 {k}단계에서 발산했습니다.",
    "sbs.seq.status.max_steps": "순차 업데이트 경로는 {k:,}단계까지 아직 진행 중입니다.",
    "sbs.seq.why": (
        "**표준 규칙이 이전 값을 쓰는 이유.** ∇L은 한 점에서 잰 하나의 벡터입니다. 두 편미분을 같은 점 (w, b)에서 재야 −η∇L이 그 점에서 가장 가파른 내리막 방향이 되고, "
        "아래 ④의 ‘η < η_c이면 매 단계 손실이 준다’는 보장도 바로 이 벡터에 대한 것입니다. 또 두 편미분은 같은 잔차들로 한꺼번에 계산되므로, "
        "매개변수가 수백만 개인 신경망에서도 모두 동시에 갱신합니다. 순차 업데이트는 좌표 하강법이라는 다른 알고리즘이라 경로도, 안정한 학습률의 범위도 다릅니다."
    ),
    # ④ convergence
    "sbs.s4.header": "④ w와 b가 함께 움직여도 둘 다 최솟값에 도착할까",
    "sbs.s4.lead": "전체 실행의 w(t), b(t), 손실 L(t)를 같은 단계 축 위에 그렸습니다. 초록 점선은 최소제곱 해 w\\*, b\\*와 최소 손실 L\\*입니다.",
    "sbs.s4.overshoot": "이 실행에서 w는 {k}단계에 최적값 w\\*({target})를 지나쳤다가 (가장 멀리는 {beyond}만큼 넘어감) 다시 돌아옵니다.",
    "sbs.s4.overshoot.b": "b도 {k}단계에 b\\*({target})를 지나쳤다가 (가장 멀리는 {beyond}만큼 넘어감) 다시 돌아옵니다.",
    "sbs.s4.no_overshoot": "이 실행에서는 w가 w\\*를 지나치지 않습니다. 사이드바에서 x 변환을 ‘원래 값 x’로 바꾸거나 학습률을 0.8배 이상으로 올려 보면 w가 w\\*를 지나쳤다 돌아오는 모습을 볼 수 있습니다.",
    "sbs.s4.monotone": "그래도 손실은 **{steps:,}단계 모두에서** 줄었습니다.",
    "sbs.s4.not_monotone": "손실이 {k}단계에서 처음으로 늘었습니다: η가 η_c의 {mult}배로, 한계를 넘었기 때문입니다.",
    "sbs.s4.zoom": "그래프 위를 가로로 드래그하면 처음 몇 단계를 확대해 볼 수 있고, 두 번 클릭하면 전체 실행으로 돌아갑니다.",
    "sbs.s4.why_title": "**1. 한 걸음마다 손실이 준다.**",
    "sbs.s4.why": (
        "손실은 (w, b)의 2차 함수라서, 한 걸음의 변화가 정확히 두 항으로 나뉩니다. 첫째 항 −η‖∇L‖²는 기울기를 빼기 때문에 언제나 음수이고, "
        "둘째 항은 그릇이 휘어서 생기는 양수입니다. 헤시안 H에 대해 ∇Lᵀ H ∇L ≤ λ_max‖∇L‖²이므로, η < η_c = 2/λ_max이면 둘째 항이 첫째 항을 이길 수 없습니다. "
        "w 하나, b 하나가 아니라 둘을 묶은 벡터 ∇L을 따라가기 때문에 가능한 보장입니다."
    ),
    "sbs.s4.now": "지금 {k}단계에서 {k1}단계로 가는 걸음:",
    "sbs.s4.factor": "여기서 1 − η·λ_max/2 = 1 − {mult} = **{factor}**",
    "sbs.s4.factor.ok": " > 0 이므로, 손실은 걸음마다 적어도 η‖∇L‖²의 {pct}만큼 줄어듭니다.",
    "sbs.s4.factor.bad": " ≤ 0 이라서 손실이 줄어든다는 보장이 없습니다 (η ≥ η_c).",
    "sbs.s4.convex_title": "**2. 그릇의 바닥은 하나뿐이다: 헤시안과 고윳값**",
    "sbs.s4.convex": (
        "두 고윳값이 모두 양수이므로 L은 볼록 함수입니다. 어느 방향으로 잘라도 아래로 볼록한 포물선이라, 그릇의 바닥(최솟값)은 정확히 하나, "
        "(w\\*, b\\*) = ({w}, {b})뿐입니다. λ₁은 가장 완만한 방향, λ₂ = λ_max는 가장 가파른 방향의 휘어짐이고, λ₂가 학습률의 한계를 정합니다: η_c = 2/λ_max = {etac}."
    ),
    "sbs.s4.det": "det H = 4·var(x) = {det} > 0: x 값이 모두 같지만 않으면 언제나 성립합니다.",
    "sbs.s4.end_title": "**3. 그러니 둘 다 도착한다.**",
    "sbs.s4.end": (
        "매 걸음 내려가기만 하는 경로는 바닥이 하나뿐인 그릇에서 결국 그 바닥으로 갑니다. 멈출 수 있는 곳은 ∂L/∂w = 0과 ∂L/∂b = 0이 **동시에** 성립하는 점, 곧 (w\\*, b\\*)뿐이므로, "
        "w와 b가 각자 지나치거나 흔들리더라도 둘 다 w\\*, b\\*에 도착합니다."
    ),
    # downloads
    "sbs.dl.header": "집에서 다시 해 보기: 내려받기",
    "sbs.dl.lead": "이 실행(0~{last}단계)을 그대로 가져갑니다.\n\n- **실행 기록**: 단계마다 w, b, 손실 L, 두 편미분 ∂L/∂w, ∂L/∂b (엑셀에서 바로 열립니다)\n- **재현 스크립트**: NumPy만 있으면 `python gd_step_by_step.py`로 실행되고, 마지막에 이 페이지와 같은 w, b, L을 출력합니다",
    "sbs.dl.log": "실행 기록 (CSV)",
    "sbs.dl.script": "재현 스크립트 (.py)",
    "sbs.dl.data": "데이터 (CSV)",
    "sbs.dl.embedded": "데이터가 {n:,}행이라 스크립트 안에 들어 있습니다 ({rows:,}행 이하일 때).",
    "sbs.dl.separate": "데이터가 {n:,}행으로 {rows:,}행보다 많아 스크립트에 넣지 않았습니다. 데이터 CSV를 함께 받아 스크립트와 같은 폴더에 두세요.",
    "sbs.dl.safety": "CSV는 엑셀에서 바로 열립니다 (UTF-8). =, +, −, @로 시작하는 글자 칸은 수식으로 실행되지 않도록 앞에 ' 를 붙였습니다.",
    # --- figures (keys follow gd_core.figures.derivation.DERIVATION_LABELS) ---------------
    "sbsfig.slice_w": "w 방향 단면 L(w) · b = {b} 고정",
    "sbsfig.slice_b": "b 방향 단면 L(b) · w = {w} 고정",
    "sbsfig.w_axis": "w (기울기)",
    "sbsfig.b_axis": "b (절편)",
    "sbsfig.loss_axis": "손실 L",
    "sbsfig.slice_curve": "단면의 손실",
    "sbsfig.tangent": "접선 (기울기 = 편미분)",
    "sbsfig.slope_note": "접선의 기울기 {d} = {g}",
    "sbsfig.current": "현재 점",
    "sbsfig.minus_step": "−η × 기울기: 손실 감소",
    "sbsfig.plus_step": "+η × 기울기: 손실 증가",
    "sbsfig.after": "L: {before} → {after}",
    "sbsfig.contours": "손실 L(w, b)",
    "sbsfig.path": "경사하강법 (동시 업데이트)",
    "sbsfig.path_future": "이후 경로",
    "sbsfig.seq_path": "순차 업데이트 (b에 새 w 사용)",
    "sbsfig.next_step": "다음 걸음 −η∇L",
    "sbsfig.seq_next": "순차 업데이트의 다음 걸음",
    "sbsfig.plus_next": "+η∇L (반대 방향)",
    "sbsfig.gradient": "∇L 방향 (길이는 축소)",
    "sbsfig.level": "현재 점을 지나는 등고선",
    "sbsfig.level_tangent": "등고선의 접선",
    "sbsfig.start": "시작점",
    "sbsfig.optimum": "최솟값 (w*, b*)",
    "sbsfig.map_title": "전체 지도",
    "sbsfig.zoom_title": "현재 점 확대 (w·b 같은 비율)",
    "sbs.s3.unequal": "전체 지도는 w축과 b축의 눈금 비율이 달라 ∇L이 등고선에 수직으로 보이지 않습니다 (직각은 두 축을 같은 비율로 그릴 때만 직각으로 보입니다). 확대 그림은 두 축을 같은 비율로 그려, 수직이 그대로 보입니다.",
    "sbs.s3.equal": "두 그림 모두 w축과 b축을 같은 비율로 그렸습니다: ∇L은 등고선에 수직입니다.",
    "sbsfig.step_axis": "단계 t",
    "sbsfig.w_t": "w(t)",
    "sbsfig.b_t": "b(t)",
    "sbsfig.loss_t": "L(t)",
    "sbsfig.w_star": "w*",
    "sbsfig.b_star": "b*",
    "sbsfig.loss_star": "L*",
    "sbsfig.now": "{step}단계",
    # --- take-home script (keys follow gd_core.export.DEFAULT_SCRIPT_TEXT) -----------------
    "sbsscript.title": "경사하강법 실험실의 한 단계씩 따라가기와 똑같은 계산: 직선 y_hat = w*x + b에 경사하강법.",
    "sbsscript.requires": "NumPy만 있으면 됩니다. 실행: python gd_step_by_step.py",
    "sbsscript.data_embedded": "데이터 ({n}행), 앱에서 그대로 옮겨 왔습니다.",
    "sbsscript.data_file": "데이터 ({n}행): 앱에서 받은 {file} 파일을 이 스크립트와 같은 폴더에 두세요.",
    "sbsscript.transform_raw": "x를 원래 값 그대로 씁니다.",
    "sbsscript.transform_center": "x를 중심화합니다: x - mean(x).",
    "sbsscript.transform_standardize": "x를 표준화합니다: (x - mean(x)) / std(x).",
    "sbsscript.settings": "앱에서 고른 설정.",
    "sbsscript.loss": "손실: L(w, b) = (1/n) * sum((w*x_i + b - y_i)**2), 평균제곱오차 (1/2 없음).",
    "sbsscript.gradient": "연쇄 법칙: dL/dw = (2/n) * sum((y_hat_i - y_i) * x_i), dL/db = (2/n) * sum(y_hat_i - y_i).",
    "sbsscript.update": "동시 업데이트: 두 편미분 모두 이전 (w, b)에서 잰 값을 씁니다.",
    "sbsscript.final": "마지막",
    "sbsscript.least_squares": "최소제곱 해 (np.polyfit)",
}

EN: dict[str, str] = {
    "sbs.title": "Step by step",
    "sbs.tagline": "One gradient-descent update, taken apart with real numbers",
    "sbs.intro": (
        "Each press of **Next ▶** performs one update of gradient descent. Check the answers to three questions yourself, on the data you picked.\n\n"
        "1. Why is there an xᵢ in ∂L/∂w? → **①** Build the gradient from the rows\n"
        "2. Why do we *subtract* the gradient? → **②** Slices and tangents, **③** The contour map\n"
        "3. w and b change together — how do we know both reach the minimum? → **④**"
    ),
    "sbs.side.header": "Gradient descent",
    "sbs.lr": "Learning rate η (as a multiple of η_c)",
    "sbs.lr.help": "η_c = 2/λ_max is the largest learning rate that does not diverge on this data (λ_max: the largest eigenvalue of the Hessian). Above 1× it diverges.",
    "sbs.lr.value": "Actual learning rate η = {eta}  (η_c = {etac})",
    "sbs.w0": "Start w₀",
    "sbs.b0": "Start b₀",
    "sbs.side.steps": "Move through the steps",
    "sbs.caps": "Work per run is capped: at most {cap:,} steps; the table lists the first {rows} rows (its totals cover all rows); a {grid}×{grid} contour grid.",
    "sbs.back": "◀ Back",
    "sbs.next": "Next ▶",
    "sbs.reset": "⟲ Reset",
    "sbs.step": "Step t",
    "sbs.step.help": "Step 0 is the start. Next ▶ performs one update. The step is kept in the address (the link) too.",
    "sbs.step.range": "t = {step} / {last}",
    "sbs.status.converged": "This run converges and stops at step {k} (the excess loss L − L\\* fell below 10⁻⁹ of where it started).",
    "sbs.status.converged.start": "The start is already the minimum, so there is no step to take. Change the start in the sidebar.",
    "sbs.status.diverged": "💥 This run diverged at step {k}: the loss exceeded 10⁶ times its start (η is {mult}× η_c). You can follow it up to the step before.",
    "sbs.status.cap": "You can follow at most {cap:,} steps (nothing beyond is computed).",
    "sbs.step.clamped": "Step {asked:,} is past the last step of this run; showing step {used:,}.",
    "sbs.metric.w": "w (slope of the line)",
    "sbs.metric.b": "b (intercept)",
    "sbs.metric.loss": "loss L",
    "sbs.metric.help": "The small number is the change from the previous step.",
    "sbs.error.start": "The loss at this start is too large to compute. Move the start w₀, b₀ closer to 0.",
    "sbs.s1.header": "① Build the gradient from the rows: where the xᵢ in ∂L/∂w comes from",
    "sbs.s1.lead": "With the current line ŷ = w·x + b (w = {w}, b = {b}), every row gets a prediction ŷᵢ and a residual ŷᵢ − yᵢ. The table lists the first {shown} rows; the totals (Σ) at the bottom are over all {n:,} rows.",
    "sbs.s1.columns": "x = {x}{tx}, y = {y}",
    "sbs.s1.tx.center": " (centred)",
    "sbs.s1.tx.standardize": " (standardized)",
    "sbs.s1.tx.raw": "",
    "sbs.col.i": "row i",
    "sbs.col.total": "Σ",
    "sbs.col.residual.help": "Residual: how much the prediction overshoots. 2/n times this column's total is ∂L/∂b.",
    "sbs.col.rx.help": "The residual times xᵢ. 2/n times this column's total is ∂L/∂w.",
    "sbs.chain.title": "**The partial derivatives by the chain rule.**",
    "sbs.chain": (
        "The loss is the mean of the squared residuals rᵢ = ŷᵢ − yᵢ: L = (1/n) Σ rᵢ². Differentiate the outside (the square) to get 2rᵢ, then multiply by the derivative of the inside (the residual). "
        "Increasing w a little moves the prediction ŷᵢ = w·xᵢ + b by xᵢ times as much, so ∂rᵢ/∂w = xᵢ; "
        "increasing b moves every prediction by the same amount, so ∂rᵢ/∂b = 1. That is where the xᵢ comes from: the derivative of the inside."
    ),
    "sbs.numbers": "**With the totals of the table** (n = {n:,}):",
    "sbs.update": "**The update** (learning rate η = {eta}; both partial derivatives measured at the current w, b):",
    "sbs.engine.same": "The engine (gd.run) recorded the same values for step {k}: w = {w}, b = {b}. Next ▶ moves there.",
    "sbs.engine.end": "This is the last step of the run; it moves no further.",
    "sbs.nudge.title": "**Try it: nudge w and b by ε**",
    "sbs.nudge.eps": "Nudge ε",
    "sbs.nudge.w": (
        "Increase only w by ε = {eps} (b unchanged) and each prediction ŷᵢ moves by **ε·xᵢ**: {rows}. "
        "Rows with large x move more, so their residuals change the loss with weight xᵢ. "
        "The loss: L(w) = {l0} → L(w+ε) = {l1}. The rate of change is (L(w+ε) − L(w))/ε = **{fwd}** ≈ ∂L/∂w = **{g}**."
    ),
    "sbs.nudge.b": (
        "Increase only b by ε = {eps} and every ŷᵢ moves by the same **ε**, so no xᵢ appears: "
        "(L(b+ε) − L(b))/ε = **{fwd}** ≈ ∂L/∂b = **{g}**."
    ),
    "sbs.nudge.row": "row {i} (x = {x}) by {d}",
    "sbs.nudge.note": "The smaller ε, the closer the rate gets to the partial derivative (the gap is ε times half the Hessian's diagonal entry). The two-sided quotient (L(+ε) − L(−ε))/2ε equals the partial derivative exactly for a quadratic: {cw}, {cb}.",
    "sbs.s2.header": "② Why subtract the gradient? Slices and tangents",
    "sbs.s2.lead": (
        "Each plot is a **slice** of the loss: one variable moves, the other stays fixed. The dashed line is the tangent at the current point; its slope is the partial derivative. "
        "A negative slope means the loss falls to the right, so the value should grow; a positive slope means it should shrink. Either way, going downhill means moving **against the slope**: by −η × slope."
    ),
    "sbs.flip": "➕ Add instead of subtract (why minus?)",
    "sbs.flip.help": "Take the step θ + η∇L instead of θ − η∇L, once. It is drawn in purple on the slices and on the contour map.",
    "sbs.s2.tangent": "The tangent (first-order approximation) predicts ΔL ≈ −η·‖∇L‖² = **{first}**, never positive. The actual change: ΔL = **{total}** (L: {l0} → {l1}).",
    "sbs.s2.flip": "➕ Adding instead, the tangent predicts +η·‖∇L‖² = **{first}**, and the loss really rises: ΔL = **{total}** (L: {l0} → {l1}). The gradient points where the loss **grows** fastest.",
    "sbs.s2.zero": "The gradient is zero here, so nothing moves: this is the minimum.",
    "sbs.s2.slice_note": "On a slice, the arrow shows only that variable's share of the update (w or b). The real step moves both at once; it is drawn on the map in ③.",
    "sbs.s3.header": "③ The gradient on the contour map",
    "sbs.s3.grad": (
        "The gradient ∇L = (∂L/∂w, ∂L/∂b) = ({gw}, {gb}) is perpendicular to the level curve through the current point and points where the loss grows fastest. "
        "Gradient descent goes the other way, η times as far: (Δw, Δb) = −η∇L = ({dw}, {db})."
    ),
    "sbs.seq": "🔀 Compare with the sequential update (b uses the new w)",
    "sbs.seq.help": "The standard rule measures both partial derivatives at the old (w, b). The sequential update changes w first, then measures ∂L/∂b again at the new w to change b.",
    "sbs.seq.numbers": "Compared once, from this point:",
    "sbs.seq.simultaneous": "simultaneous (standard)",
    "sbs.seq.sequential": "sequential",
    "sbs.seq.status.converged": "The sequential path converged at step {k} (the standard path: step {k2}).",
    "sbs.seq.status.diverged": "The sequential path diverged at step {k}.",
    "sbs.seq.status.max_steps": "The sequential path is still going after {k:,} steps.",
    "sbs.seq.why": (
        "**Why the standard rule uses the old values.** ∇L is one vector measured at one point. Only when both partial derivatives are measured at the same (w, b) is −η∇L the steepest way down from that point, "
        "and the guarantee in ④ — below η_c every step lowers the loss — is about exactly this vector. Both partial derivatives also come from the same residuals in one pass, "
        "which is why networks with millions of parameters update them all at once. The sequential update is coordinate descent, a different algorithm with a different path and a different range of stable learning rates."
    ),
    "sbs.s4.header": "④ w and b change together — how do we know both get there?",
    "sbs.s4.lead": "w(t), b(t) and the loss L(t) of the whole run on one step axis. The green dashed lines are the least-squares solution w\\*, b\\* and the least loss L\\*.",
    "sbs.s4.overshoot": "In this run w passes its optimum w\\* ({target}) at step {k} (going past it by up to {beyond}) and comes back.",
    "sbs.s4.overshoot.b": "b, too, passes b\\* ({target}) at step {k} (by up to {beyond}) and comes back.",
    "sbs.s4.no_overshoot": "In this run w does not pass w\\*. Set the x transform in the sidebar to ‘raw x’, or raise the learning rate to 0.8× or more, to see w overshoot w\\* and come back.",
    "sbs.s4.monotone": "Yet the loss fell at **every one of the {steps:,} steps**.",
    "sbs.s4.not_monotone": "The loss first rose at step {k}: η is {mult}× η_c, past the limit.",
    "sbs.s4.zoom": "Drag across the chart to zoom into the first steps; double-click to see the whole run again.",
    "sbs.s4.why_title": "**1. Every step lowers the loss.**",
    "sbs.s4.why": (
        "The loss is a quadratic function of (w, b), so the change over one step splits exactly into two terms. The first, −η‖∇L‖², is always negative because we subtract the gradient; "
        "the second is positive, from the bowl's curvature. With the Hessian H, ∇Lᵀ H ∇L ≤ λ_max‖∇L‖², so for η < η_c = 2/λ_max the second term can never win. "
        "The guarantee holds because the step follows the combined vector ∇L, not w or b alone."
    ),
    "sbs.s4.now": "The step from step {k} to step {k1}:",
    "sbs.s4.factor": "Here 1 − η·λ_max/2 = 1 − {mult} = **{factor}**",
    "sbs.s4.factor.ok": " > 0, so every step lowers the loss by at least {pct} of η‖∇L‖².",
    "sbs.s4.factor.bad": " ≤ 0, so nothing guarantees a decrease (η ≥ η_c).",
    "sbs.s4.convex_title": "**2. The bowl has exactly one bottom: the Hessian and its eigenvalues**",
    "sbs.s4.convex": (
        "Both eigenvalues are positive, so L is strictly convex: every slice through it is an upward parabola, and the bowl has exactly one bottom, "
        "(w\\*, b\\*) = ({w}, {b}). λ₁ is the curvature along the flattest direction, λ₂ = λ_max along the steepest, and λ₂ sets the learning-rate limit: η_c = 2/λ_max = {etac}."
    ),
    "sbs.s4.det": "det H = 4·var(x) = {det} > 0: true whenever x takes more than one value.",
    "sbs.s4.end_title": "**3. So both get there.**",
    "sbs.s4.end": (
        "A path that goes downhill at every step, in a bowl with a single bottom, ends at that bottom. The only place it can stop is where ∂L/∂w = 0 and ∂L/∂b = 0 **at the same time**, that is (w\\*, b\\*); "
        "so however w and b overshoot or sway on the way, both arrive at w\\*, b\\*."
    ),
    "sbs.dl.header": "Take it home: downloads",
    "sbs.dl.lead": "Take this run (steps 0 to {last}) with you.\n\n- **Run log**: w, b, the loss L and both partial derivatives ∂L/∂w, ∂L/∂b at every step (opens in Excel)\n- **Script**: needs only NumPy — run `python gd_step_by_step.py` — and ends by printing the same w, b and L as this page",
    "sbs.dl.log": "Run log (CSV)",
    "sbs.dl.script": "Script (.py)",
    "sbs.dl.data": "Data (CSV)",
    "sbs.dl.embedded": "The data has {n:,} rows, so it is inside the script (up to {rows:,} rows).",
    "sbs.dl.separate": "The data has {n:,} rows, more than {rows:,}, so it is not inside the script. Download the data CSV too and keep it in the same folder as the script.",
    "sbs.dl.safety": "The CSV files open directly in Excel (UTF-8). Text cells starting with =, +, −, @ get a leading ' so they never run as formulas.",
    "sbsfig.slice_w": "Slice along w: L(w), b = {b} fixed",
    "sbsfig.slice_b": "Slice along b: L(b), w = {w} fixed",
    "sbsfig.w_axis": "w (slope)",
    "sbsfig.b_axis": "b (intercept)",
    "sbsfig.loss_axis": "loss L",
    "sbsfig.slice_curve": "loss along the slice",
    "sbsfig.tangent": "tangent (slope = partial derivative)",
    "sbsfig.slope_note": "tangent slope {d} = {g}",
    "sbsfig.current": "current point",
    "sbsfig.minus_step": "−η × slope: loss goes down",
    "sbsfig.plus_step": "+η × slope: loss goes up",
    "sbsfig.after": "L: {before} → {after}",
    "sbsfig.contours": "loss L(w, b)",
    "sbsfig.path": "gradient descent (simultaneous)",
    "sbsfig.path_future": "rest of the run",
    "sbsfig.seq_path": "sequential update (b uses the new w)",
    "sbsfig.next_step": "next step −η∇L",
    "sbsfig.seq_next": "next sequential step",
    "sbsfig.plus_next": "+η∇L (the wrong way)",
    "sbsfig.gradient": "∇L direction (length scaled)",
    "sbsfig.level": "level curve through the point",
    "sbsfig.level_tangent": "tangent to the level curve",
    "sbsfig.start": "start",
    "sbsfig.optimum": "minimum (w*, b*)",
    "sbsfig.map_title": "the whole map",
    "sbsfig.zoom_title": "zoom, w and b at one scale",
    "sbs.s3.unequal": "The whole map draws w and b at different scales, so there ∇L does not look perpendicular to the level curve (a right angle only looks like one when both axes share a scale). The zoom draws both at one scale, and the right angle shows.",
    "sbs.s3.equal": "Both pictures draw w and b at one scale: ∇L is perpendicular to the level curve.",
    "sbsfig.step_axis": "step t",
    "sbsfig.w_t": "w(t)",
    "sbsfig.b_t": "b(t)",
    "sbsfig.loss_t": "L(t)",
    "sbsfig.w_star": "w*",
    "sbsfig.b_star": "b*",
    "sbsfig.loss_star": "L*",
    "sbsfig.now": "step {step}",
    "sbsscript.title": "The same computation as Gradient Descent Lab's step-by-step page: gradient descent on the line y_hat = w*x + b.",
    "sbsscript.requires": "Needs only NumPy. Run: python gd_step_by_step.py",
    "sbsscript.data_embedded": "The data ({n} rows), copied from the app.",
    "sbsscript.data_file": "The data ({n} rows): keep {file}, downloaded from the app, in the same folder as this script.",
    "sbsscript.transform_raw": "x is used as it is.",
    "sbsscript.transform_center": "x is centred: x - mean(x).",
    "sbsscript.transform_standardize": "x is standardized: (x - mean(x)) / std(x).",
    "sbsscript.settings": "Settings chosen in the app.",
    "sbsscript.loss": "Loss: L(w, b) = (1/n) * sum((w*x_i + b - y_i)**2), mean squared error, no 1/2.",
    "sbsscript.gradient": "Chain rule: dL/dw = (2/n) * sum((y_hat_i - y_i) * x_i), dL/db = (2/n) * sum(y_hat_i - y_i).",
    "sbsscript.update": "Simultaneous update: both partial derivatives come from the old (w, b).",
    "sbsscript.final": "final",
    "sbsscript.least_squares": "least squares (np.polyfit)",
}
