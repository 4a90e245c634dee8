"""Text of the learning-rate lab (Korean and English, identical keys)."""

KO: dict[str, str] = {
    # --- sidebar --------------------------------------------------------------------------
    "lr.run.header": "학습률 실험 설정",
    "lr.rates": "학습률 (η_c의 몇 배인지)",
    "lr.rate.label": "{num} η / η_c",
    "lr.rate.help": "눈금은 로그 간격입니다. η_c = 2/λ_max는 이 데이터에서 발산하지 않는 가장 큰 학습률이고, 1배를 넘으면 발산합니다.",
    "lr.remove": "이 실행 빼기",
    "lr.add": "+ 실행 추가",
    "lr.auto": "추천 세트로",
    "lr.auto.caption": "지금은 이 데이터에 맞춰 고른 추천 세트입니다: 가능하면 느림·좋음·진동·발산이 하나씩 나오도록 골랐습니다.",
    "lr.steps": "실행마다 반복 횟수",
    "lr.start": "시작점 (모든 실행이 여기서 출발)",
    "lr.w0": "w₀",
    "lr.b0": "b₀",
    "lr.map": "손실 지도",
    "lr.map.contour": "등고선 (2D)",
    "lr.map.3d": "3D 곡면",
    "lr.layout": "화면 배치",
    "lr.layout.auto": "자동",
    "lr.layout.wide": "가로로 넓게",
    "lr.layout.stacked": "세로로 쌓기",
    "lr.predict": "먼저 예측하기 (수업용)",
    "lr.predict.help": "켜 두면 판정, 이유, 안정성 띠가 가려집니다. 그림의 ▶ 재생을 누르면 그림 속 판정이 나타나고, '정답 공개'를 누르면 전부 보입니다.",
    "lr.bounds": "한 번에 계산하는 양의 한도: 실행 {lo}~{hi}개, 학습률은 η_c의 {rlo} ~ {rhi}배, 실행마다 최대 {steps:,}단계, 애니메이션 {frames}프레임, 격자 {grid}×{grid}, 작은 그림마다 점 {points}개.",
    # --- notes about the rates in the link ------------------------------------------------
    "lr.note.dropped": "링크의 rates에 있는 {raw}은(는) 숫자가 아니어서 뺐습니다.",
    "lr.note.clamped": "링크의 rates에 있는 {raw}은(는) 허용 범위(η_c의 {lo} ~ {hi}배)를 벗어나 {used}(으)로 바꿨습니다.",
    "lr.note.many": "링크의 rates에 학습률이 {n}개 있어 앞의 {hi}개만 씁니다.",
    "lr.note.few": "링크의 rates에서 쓸 수 있는 학습률이 {n}개뿐이라 추천 세트를 씁니다 (학습률은 {lo}~{hi}개 필요).",
    # --- main area ------------------------------------------------------------------------
    "lr.intro": (
        "같은 데이터, 같은 시작점에서 **학습률 η만 바꿔** 경사하강법을 여러 번 돌립니다. "
        "▶ 재생을 누르면 손실 등고선 위의 경로, 남은 초과 손실 곡선(로그 눈금), 실행마다 그린 회귀 직선이 모두 함께 움직입니다. "
        "학습률은 이 데이터의 한계 η_c = 2/λ_max의 몇 배인지로 정합니다."
    ),
    "lr.data": "η_c = 2/λ_max = {etac}  ·  헤시안의 고윳값 λ₁ = {lam1}, λ₂ = {lam2}  ·  {n:,}행, {tx}",
    "lr.predict.banner": (
        "🤔 **먼저 예측해 보세요.** 학습률 {nums}는 각각 **느림, 좋음, 진동, 발산** 중 무엇일까요? "
        "▶ 재생을 누르면 그림 속 판정이 나타나고, '정답 공개'를 누르면 이유와 안정성 띠까지 보입니다."
    ),
    "lr.reveal": "정답 공개",
    "lr.hide": "다시 가리기",
    "lr.hidden": "판정의 이유, 안정성 띠, 설명은 '정답 공개'를 누르면 나타납니다.",
    "lr.err.start": "시작점 (w₀ = {w0}, b₀ = {b0})에서 손실이 너무 커서 계산할 수 없습니다. 시작점을 0에 가깝게 바꿔 주세요.",
    # --- verdicts -------------------------------------------------------------------------
    "lr.verdicts": "판정과 그 이유",
    "lr.verdicts.caption": "판정은 곡선을 눈으로 보고 정한 것이 아니라, 헤시안의 고윳값 λ₁ ≤ λ₂와 방향별 배율 |1 − η·λ|로 계산한 것입니다. 순서: 발산 → 느림 → 진동 → 좋음.",
    "lr.run.title": "**{num}  η = {mult}·η_c = {eta}**",
    "lr.label.slow": "느림",
    "lr.label.good": "좋음",
    "lr.label.oscillating": "진동",
    "lr.label.diverging": "발산",
    "lr.dir.flat": "완만한 방향(λ₁)",
    "lr.dir.steep": "가파른 방향(λ₂)",
    "lr.why.diverging": "η가 발산하지 않는 가장 큰 학습률 2/λ₂ = {etac}의 {ratio}배입니다. 가파른 방향의 오차가 매 단계 |1 − η·λ₂| = {factor}배로 커져서, {step}번째 단계에 손실이 시작값의 10⁶배를 넘었습니다.",
    "lr.why.diverging.later": "η가 발산하지 않는 가장 큰 학습률 2/λ₂ = {etac}의 {ratio}배입니다. 가파른 방향의 오차가 매 단계 |1 − η·λ₂| = {factor}배로 커집니다. 이 실행의 {steps:,}단계 안에서는 아직 아니지만, 계속하면 {step:,}번째 단계에 손실이 시작값의 10⁶배를 넘습니다.",
    "lr.why.diverging.hidden": "η가 발산하지 않는 가장 큰 학습률 2/λ₂ = {etac}의 {ratio}배입니다. 가파른 방향의 오차가 매 단계 |1 − η·λ₂| = {factor}배로 커집니다.",
    "lr.why.slow": "{dir}의 오차가 한 단계에 {factor}배로만 줄어듭니다. 처음 초과 손실의 1% 안으로 들어오려면 약 {need:,}단계가 필요한데, 이 실행은 {steps:,}단계뿐입니다.",
    "lr.why.slow.never": "{dir}의 오차가 한 단계에 {factor}배, 즉 전혀 줄지 않습니다 (η가 정확히 경계에 있음). 처음 초과 손실의 1% 안으로 영영 들어오지 못합니다.",
    "lr.why.oscillating": "1 − η·λ₂ = {signed} < 0 이라서 가파른 방향의 오차가 매 단계 부호를 바꿉니다: 골짜기 양쪽 벽을 오가는 지그재그입니다. 그래도 크기는 줄어들어, {need:,}단계 만에 처음 초과 손실의 1% 안으로 들어옵니다 (느린 쪽 배율 {factor}).",
    "lr.why.oscillating.round": "1 − η·λ = {signed} < 0 이라서 오차가 매 단계 부호를 바꿉니다. 표준화한 데이터는 그릇이 둥글어서 지그재그 없이 최솟값을 곧장 지나쳤다 돌아옵니다. {need:,}단계 만에 처음 초과 손실의 1% 안으로 들어옵니다 (배율 {factor}).",
    "lr.why.good": "두 방향 모두 부호를 바꾸지 않고 줄어듭니다 (느린 쪽 {dir}도 한 단계에 {factor}배). {need:,}단계 만에 처음 초과 손실의 1% 안으로 들어옵니다.",
    "lr.why.good.exact": "η = 1/λ이라 1 − η·λ = 0입니다: 두 고윳값이 같은 둥근 그릇에서는 한 단계 만에 정확히 최솟값에 도착합니다.",
    "lr.why.start": "시작점이 이미 최솟값이라 움직일 필요가 없습니다.",
    # --- stability strip --------------------------------------------------------------------
    "lr.strip": "안정성 띠: '너무 큰' 학습률은 어디서부터일까?",
    "lr.strip.caption": (
        "가로축은 실제 학습률 η(로그 눈금)이고, 한 줄이 x 변환 하나입니다. 진한 줄이 지금 쓰는 변환, ▲①…이 고른 학습률, "
        "점선은 같은 η가 다른 변환에서는 어느 구간에 떨어지는지 보여 줍니다. 진동 구간은 1/λ₂ < η ≤ 2/λ₂이고, "
        "느림 구간의 위쪽 끝은 반복 횟수({steps:,}단계)와 시작점에 따라 달라집니다."
    ),
    "lr.strip.etac": "변환별 한계 η_c: 원래 값 {raw}, 중심화 {center}, 표준화 {std}.",
    "lr.strip.lesson.raw": "원래 값 x는 평균이 0에서 멀어서(x̄ = {xbar}) 헤시안의 λ₂가 커지고, 쓸 수 있는 학습률이 표준화했을 때보다 {factor}배나 작아집니다. 게다가 λ₁/λ₂ = {cond}이라 골짜기가 길쭉해서 완만한 방향은 아주 느리게 줄어듭니다.",
    "lr.strip.lesson.round": "표준화하면 두 고윳값이 λ₁ = λ₂ = 2로 같아져서 손실이 둥근 그릇이 됩니다. 길쭉한 골짜기가 없으니 지그재그도 없고, η_c = 1입니다.",
    "lr.strip.row.raw": "원래 값 x",
    "lr.strip.row.center": "중심화",
    "lr.strip.row.standardize": "표준화",
    # --- explanation --------------------------------------------------------------------------
    "lr.theory": "왜 경계가 2/λ_max일까?",
    "lr.theory.body": (
        "평균제곱오차 손실 L(w, b)는 w와 b의 2차 함수라서, 최솟값 (w*, b*) 주변이 어디서나 같은 모양의 그릇입니다. "
        "그릇이 얼마나 휘었는지는 헤시안(2차 편미분을 모은 행렬)이 알려 주는데, 이 데이터에서는 가장 가파르게 휜 방향의 "
        "고윳값이 **λ₂ = {lam2}**, 가장 완만한 방향의 고윳값이 **λ₁ = {lam1}**입니다.\n\n"
        "경사하강법 한 단계 (w, b) ← (w, b) − η·∇L을 이 두 방향으로 나눠 보면 아주 단순해집니다. "
        "최솟값에서 벗어난 정도(오차)가 방향마다 매 단계 **(1 − η·λ)배**가 될 뿐입니다.\n\n"
        "- |1 − η·λ| < 1이면 오차가 줄어 수렴하고, 1보다 크면 매 단계 커져서 발산합니다.\n"
        "- 가파른 방향(λ₂)이 가장 먼저 1을 넘습니다. |1 − η·λ₂| < 1 ⇔ **η < 2/λ₂**. "
        "그래서 이 데이터의 한계는 **η_c = 2/λ_max = {etac}**입니다.\n"
        "- η가 1/λ₂ = {flip}보다 크면 1 − η·λ₂가 음수가 되어 가파른 방향의 오차가 매 단계 부호를 바꿉니다. "
        "이것이 골짜기를 가로지르는 지그재그(진동)입니다. 2/λ₂ 전까지는 그래도 줄어들고, 넘으면 커집니다.\n"
        "- 완만한 방향은 1 − η·λ₁이 1에 가까울수록 느립니다. η를 한계 η_c까지 키워도 한 단계에 "
        "1 − 2·λ₁/λ₂ = {best_flat}배보다 빨리 줄 수는 없습니다. λ₁/λ₂ = {cond}이 작을수록(골짜기가 길쭉할수록) 느립니다."
    ),
    "lr.steps.header": "처음 초과 손실의 1% 안으로 들어오기까지 몇 단계?",
    "lr.steps.body": (
        "시작점이 최솟값에서 두 방향으로 c₁, c₂만큼 떨어져 있다면, t단계 뒤에 남는 초과 손실은 아래 식과 같습니다. "
        "이 시작점에서는 처음 초과 손실 L₀ − L* = {excess}의 {share}가 완만한 방향에 있습니다. "
        "식이 처음의 1% 아래로 떨어지는 첫 t(예측)와 실제로 돌려 본 결과(관찰)를 비교해 보세요."
    ),
    "lr.table.run": "실행",
    "lr.table.mult": "η / η_c",
    "lr.table.flat": "완만한 방향 배율",
    "lr.table.steep": "가파른 방향 배율",
    "lr.table.label": "판정",
    "lr.table.pred": "1%까지 단계 (예측)",
    "lr.table.obs": "1%까지 단계 (관찰)",
    "lr.table.never": "도달 못 함",
    "lr.table.not_yet": "> {steps:,}",
    # --- figure (keys follow gd_core.figures.lr_lab.LR_LAB_LABELS) -------------------------
    "lr.fig.play": "▶ 재생",
    "lr.fig.pause": "❚❚ 멈춤",
    "lr.fig.slider_prefix": "단계 ",
    "lr.fig.step": "단계 (반복 횟수)",
    "lr.fig.w_axis": "w (기울기)",
    "lr.fig.b_axis": "b (절편)",
    "lr.fig.loss_axis": "손실 L(w, b)",
    "lr.fig.map_title": "손실 등고선 위의 경로",
    "lr.fig.loss_title": "남은 초과 손실 (처음 = 1, 로그 눈금)",
    "lr.fig.excess_axis": "(L − L*) / (L₀ − L*)",
    "lr.fig.lines_title": "실행마다 지금 단계의 직선",
    "lr.fig.lines_hint": "점선: 시작 직선 · 파선: 최소제곱 직선",
    "lr.fig.target": "1% 목표",
    "lr.fig.start": "시작점",
    "lr.fig.optimum": "최솟값",
    "lr.fig.run": "{num} η = {mult}·η_c",
    "lr.fig.slow": "느림",
    "lr.fig.good": "좋음",
    "lr.fig.oscillating": "진동",
    "lr.fig.diverging": "발산",
    "lr.fig.hidden": "?",
    "lr.fig.left": "{pct} 남음",
    "lr.fig.grown": "처음의 {times}배",
    "lr.fig.diverged_at": "✕ {step}단계에서 발산",
    "lr.fig.sampled": "{total:,}개 중 {shown:,}개 점만 표시",
    "lr.fig.x_center": "{x} − 평균",
    "lr.fig.x_standardize": "({x} − 평균) / 표준편차",
    "lr.fig.strip_axis": "학습률 η (로그 눈금)",
    "lr.fig.strip_eta_c": "η_c",
    "lr.fig.strip_current": "◀ 지금",
}

EN: dict[str, str] = {
    "lr.run.header": "Learning-rate experiment",
    "lr.rates": "Learning rates (as multiples of η_c)",
    "lr.rate.label": "{num} η / η_c",
    "lr.rate.help": "The scale is logarithmic. η_c = 2/λ_max is the largest learning rate that does not diverge on this data; above 1× it diverges.",
    "lr.remove": "Remove this run",
    "lr.add": "+ Add a run",
    "lr.auto": "Suggested set",
    "lr.auto.caption": "This is the set suggested for this data: where it can, one slow, one good, one oscillating and one diverging rate.",
    "lr.steps": "Steps per run",
    "lr.start": "Start (every run starts here)",
    "lr.w0": "w₀",
    "lr.b0": "b₀",
    "lr.map": "Loss map",
    "lr.map.contour": "Contour (2D)",
    "lr.map.3d": "3D surface",
    "lr.layout": "Layout",
    "lr.layout.auto": "Auto",
    "lr.layout.wide": "Wide",
    "lr.layout.stacked": "Stacked",
    "lr.predict": "Predict first (for class)",
    "lr.predict.help": "While on, the labels, the reasons and the stability strip stay hidden. Press ▶ Play in the figure to see its labels, or 'Reveal' to see everything.",
    "lr.bounds": "Work per rerun is capped: {lo} to {hi} runs, rates from {rlo} to {rhi} × η_c, at most {steps:,} steps per run, {frames} animation frames, a {grid}×{grid} grid, {points} points per small panel.",
    "lr.note.dropped": "The link's rates contain {raw}, which is not a number; it was left out.",
    "lr.note.clamped": "The link's rates contain {raw}, outside the allowed range ({lo} to {hi} × η_c); using {used}.",
    "lr.note.many": "The link's rates list {n} rates; using the first {hi}.",
    "lr.note.few": "The link's rates leave only {n} usable rates; using the suggested set ({lo} to {hi} rates are needed).",
    "lr.intro": (
        "Gradient descent on the same data, from the same start, with **only the learning rate η changed**. "
        "Press ▶ Play and every run moves together: its path on the loss contours, the excess loss it has "
        "left (log scale) and its regression line at the current step. "
        "Rates are set as multiples of this data's limit η_c = 2/λ_max."
    ),
    "lr.data": "η_c = 2/λ_max = {etac}  ·  Hessian eigenvalues λ₁ = {lam1}, λ₂ = {lam2}  ·  {n:,} rows, {tx}",
    "lr.predict.banner": (
        "🤔 **Predict first.** Will rates {nums} be **slow, good, oscillating or diverging**? "
        "Press ▶ Play to see the labels in the figure, or 'Reveal' for the reasons and the stability strip too."
    ),
    "lr.reveal": "Reveal",
    "lr.hide": "Hide again",
    "lr.hidden": "The reasons, the stability strip and the explanation appear after 'Reveal'.",
    "lr.err.start": "The loss at the start (w₀ = {w0}, b₀ = {b0}) is too large to compute. Move the start closer to 0.",
    "lr.verdicts": "Verdicts, and why",
    "lr.verdicts.caption": "Labels are not read off the curves: they are computed from the Hessian's eigenvalues λ₁ ≤ λ₂ and the factors |1 − η·λ| per direction, in this order: diverging, slow, oscillating, good.",
    "lr.run.title": "**{num}  η = {mult}·η_c = {eta}**",
    "lr.label.slow": "slow",
    "lr.label.good": "good",
    "lr.label.oscillating": "oscillating",
    "lr.label.diverging": "diverging",
    "lr.dir.flat": "the flat direction (λ₁)",
    "lr.dir.steep": "the steep direction (λ₂)",
    "lr.why.diverging": "η is {ratio}× the largest stable rate 2/λ₂ = {etac}. Along the steep direction the error grows by |1 − η·λ₂| = {factor} every step, and at step {step} the loss passed 10⁶ times its start.",
    "lr.why.diverging.later": "η is {ratio}× the largest stable rate 2/λ₂ = {etac}. Along the steep direction the error grows by |1 − η·λ₂| = {factor} every step. Not within this run's {steps:,} steps, but at step {step:,} the loss would pass 10⁶ times its start.",
    "lr.why.diverging.hidden": "η is {ratio}× the largest stable rate 2/λ₂ = {etac}. Along the steep direction the error grows by |1 − η·λ₂| = {factor} every step.",
    "lr.why.slow": "Along {dir} the error shrinks by only {factor} per step: ~{need:,} steps to get within 1% of the starting excess loss, and this run has {steps:,}.",
    "lr.why.slow.never": "Along {dir} the error is multiplied by {factor} per step, so it does not shrink at all (η sits exactly on the boundary): the run never gets within 1%.",
    "lr.why.oscillating": "1 − η·λ₂ = {signed} < 0, so the error along the steep direction flips sign every step: the zig-zag across the valley. It still shrinks, and is within 1% of the starting excess loss by step {need:,} (slowest factor {factor}).",
    "lr.why.oscillating.round": "1 − η·λ = {signed} < 0, so the error flips sign every step. On standardized data the bowl is round, so the run overshoots straight through the minimum and back, with no zig-zag. Within 1% by step {need:,} (factor {factor}).",
    "lr.why.good": "Both directions shrink without flipping sign (the slower, {dir}, by {factor} per step): within 1% of the starting excess loss by step {need:,}.",
    "lr.why.good.exact": "η = 1/λ, so 1 − η·λ = 0: in a round bowl (both eigenvalues equal) one step lands exactly on the minimum.",
    "lr.why.start": "The start is already the minimum: nothing to do.",
    "lr.strip": "Stability strip: where does 'too large' begin?",
    "lr.strip.caption": (
        "The axis is the actual learning rate η (log scale); each row is one x transform. The strong row is the one in use, "
        "▲①… are the chosen rates, and the dotted lines show where the same η falls for the other transforms. "
        "Oscillating is 1/λ₂ < η ≤ 2/λ₂; the upper edge of the slow zone depends on the step budget ({steps:,} steps) and the start."
    ),
    "lr.strip.etac": "The limit η_c per transform: raw {raw}, centred {center}, standardized {std}.",
    "lr.strip.lesson.raw": "Raw x sits far from 0 (x̄ = {xbar}), which makes the Hessian's λ₂ large: usable rates are {factor} times smaller than after standardizing. And with λ₁/λ₂ = {cond} the valley is long and thin, so the flat direction shrinks very slowly.",
    "lr.strip.lesson.round": "Standardizing makes both eigenvalues equal, λ₁ = λ₂ = 2: the loss becomes a round bowl. No long valley means no zig-zag, and η_c = 1.",
    "lr.strip.row.raw": "raw x",
    "lr.strip.row.center": "centred",
    "lr.strip.row.standardize": "standardized",
    "lr.theory": "Why is the boundary 2/λ_max?",
    "lr.theory.body": (
        "The mean squared error L(w, b) is a quadratic in w and b, so around the minimum (w*, b*) it is the same bowl "
        "everywhere. How curved the bowl is comes from the Hessian (the matrix of second partial derivatives); on this data "
        "its eigenvalue along the steepest direction is **λ₂ = {lam2}** and along the flattest **λ₁ = {lam1}**.\n\n"
        "Split one step (w, b) ← (w, b) − η·∇L along these two directions and it becomes simple: the error (how far "
        "you are from the minimum) along each direction is multiplied by **(1 − η·λ)** every step.\n\n"
        "- If |1 − η·λ| < 1 the error shrinks and the run converges; above 1 it grows every step and diverges.\n"
        "- The steep direction (λ₂) crosses 1 first: |1 − η·λ₂| < 1 ⇔ **η < 2/λ₂**. So the limit for this data is "
        "**η_c = 2/λ_max = {etac}**.\n"
        "- Above 1/λ₂ = {flip}, 1 − η·λ₂ is negative and the error along the steep direction flips sign every step: "
        "that is the zig-zag across the valley (oscillating). Up to 2/λ₂ it still shrinks; beyond, it grows.\n"
        "- The flat direction is slow when 1 − η·λ₁ is close to 1. Even at the limit η_c it cannot shrink faster than "
        "1 − 2·λ₁/λ₂ = {best_flat} per step; the smaller λ₁/λ₂ = {cond} (the longer the valley), the slower."
    ),
    "lr.steps.header": "How many steps to get within 1% of the starting excess loss?",
    "lr.steps.body": (
        "If the start is c₁ and c₂ away from the minimum along the two directions, the excess loss left after t steps is "
        "the formula below. From this start, {share} of the starting excess loss L₀ − L* = {excess} lies along the flat "
        "direction. Compare the first t at which the formula drops below 1% (predicted) with the actual runs (observed)."
    ),
    "lr.table.run": "run",
    "lr.table.mult": "η / η_c",
    "lr.table.flat": "flat factor",
    "lr.table.steep": "steep factor",
    "lr.table.label": "label",
    "lr.table.pred": "steps to 1%, predicted",
    "lr.table.obs": "observed",
    "lr.table.never": "never",
    "lr.table.not_yet": "> {steps:,}",
    "lr.fig.play": "▶ Play",
    "lr.fig.pause": "❚❚ Pause",
    "lr.fig.slider_prefix": "step ",
    "lr.fig.step": "step",
    "lr.fig.w_axis": "w (slope)",
    "lr.fig.b_axis": "b (intercept)",
    "lr.fig.loss_axis": "loss L(w, b)",
    "lr.fig.map_title": "Paths on the loss contours",
    "lr.fig.loss_title": "Excess loss left (start = 1, log scale)",
    "lr.fig.excess_axis": "(L − L*) / (L₀ − L*)",
    "lr.fig.lines_title": "Each run's line at this step",
    "lr.fig.lines_hint": "dotted: start · dashed: least squares",
    "lr.fig.target": "1% target",
    "lr.fig.start": "start",
    "lr.fig.optimum": "minimum",
    "lr.fig.run": "{num} η = {mult}·η_c",
    "lr.fig.slow": "slow",
    "lr.fig.good": "good",
    "lr.fig.oscillating": "oscillating",
    "lr.fig.diverging": "diverging",
    "lr.fig.hidden": "?",
    "lr.fig.left": "{pct} left",
    "lr.fig.grown": "{times}× the start",
    "lr.fig.diverged_at": "✕ diverged at step {step}",
    "lr.fig.sampled": "showing {shown:,} of {total:,} points",
    "lr.fig.x_center": "{x} − mean",
    "lr.fig.x_standardize": "({x} − mean) / sd",
    "lr.fig.strip_axis": "learning rate η (log scale)",
    "lr.fig.strip_eta_c": "η_c",
    "lr.fig.strip_current": "◀ now",
}
