"""Text of the home page (the descent explorer) and run summaries (Korean and English, identical keys)."""

KO: dict[str, str] = {
    "run.header": "경사하강법 설정",
    "run.lr": "학습률 η (η_c의 몇 배?)",
    "run.lr.help": (
        "η_c = 2/λ_max는 이 데이터에서 경사하강법이 발산하지 않는 가장 큰 학습률입니다 "
        "(λ_max: 손실 함수 헤시안의 가장 큰 고윳값). 1보다 크면 발산합니다."
    ),
    "run.lr.value": "실제 학습률 η = {eta}  (η_c = 2/λ_max = {etac})",
    "run.steps": "최대 반복 횟수",
    "run.w0": "시작점 w₀",
    "run.b0": "시작점 b₀",
    "run.view": "손실 곡면 보기",
    "run.view.auto": "자동",
    "run.view.3d": "3D 곡면",
    "run.loss": "손실 함수",
    "run.loss.mse": "MSE",
    "run.loss.mae": "MAE",
    "run.loss.huber": "후버",
    "run.loss.help": "MSE: 평균제곱오차 (1/n)Σr². MAE: 평균절대오차 (1/n)Σ|r|. 후버: 작은 잔차는 제곱, 큰 잔차는 절댓값처럼 재는 손실. 자세한 비교는 '손실 함수 고르기' 페이지에서 볼 수 있습니다.",
    "run.view.contour": "등고선 (2D)",
    "run.layout": "화면 배치",
    "run.layout.auto": "자동",
    "run.layout.wide": "가로로 넓게",
    "run.layout.stacked": "세로로 쌓기",
    "run.bounds": "한 번에 계산하는 양의 한도: 반복 {steps:,}회, 애니메이션 {frames}프레임, 격자 {grid}×{grid}.",
    "home.intro": (
        "▶ 재생을 누르면 (w, b) 점이 손실 곡면을 따라 내려가는 동안 회귀 직선이 데이터 쪽으로 움직이고 "
        "손실 곡선이 떨어집니다. 사이드바에서 학습률을 η_c 너머로 올려 발산이 시작되는 지점을 직접 확인해 보세요."
    ),
    "home.summary": "실행 결과",
    "home.optimum.mse": "최소제곱 해 (정답)",
    "home.optimum.mae": "MAE를 가장 작게 하는 직선 (정답)",
    "home.optimum.huber": "후버 손실을 가장 작게 하는 직선 (정답)",
    "home.loss_note.mae": "MAE는 미분할 수 없는 꺾인 점이 있어 부분기울기로 내려갑니다. 학습률이 고정되어 있으면 최솟값 근처에서 η·|기울기| 폭으로 계속 튀며 멈추지 않습니다. η_c = 2/λ_max와 발산 경계는 MSE의 이야기이며, 여기서는 학습률의 눈금으로만 씁니다.",
    "home.loss_note.huber": "후버 손실은 작은 잔차에서는 ½r²(MSE의 절반)이라 MSE보다 두 배 큰 학습률까지 안정적입니다. η_c = 2/λ_max는 MSE의 값이며, 여기서는 학습률의 눈금으로만 씁니다.",
    "status.diverged.other": "💥 {step}번째 단계에서 발산했습니다: 손실이 시작값의 10⁶배를 넘었습니다. 학습률을 줄여 보세요.",
    "home.optimum.value": "w* = {w}, b* = {b}, 최소 손실 L* = {loss}",
    "home.eta": "학습률",
    "home.eta.value": "η = {eta} = {mult} × η_c",
    "home.final": "마지막 위치",
    "home.final.value": "w = {w}, b = {b}, L = {loss}",
    "status.converged": "✅ {step}번째 단계에서 수렴했습니다: 남은 초과 손실 L − L*이 처음의 10⁻⁹ 아래로 줄었습니다.",
    "status.converged.grad": "✅ {step}번째 단계에서 수렴했습니다: 기울기가 0이 되었습니다.",
    "status.converged.start": "✅ 시작점이 이미 최솟값입니다.",
    "status.diverged": (
        "💥 {step}번째 단계에서 발산했습니다: 손실이 시작값의 10⁶배를 넘었습니다. "
        "η가 안정 한계 η_c = 2/λ_max의 {mult}배라서, 가장 가파른 방향의 오차가 매 단계 "
        "|1 − η·λ_max| = {factor}배로 커집니다."
    ),
    "status.max_steps": (
        "⏳ {steps:,}단계 후에도 아직 진행 중입니다: 처음 초과 손실의 {frac}이 남았습니다. "
        "반복 횟수를 늘리거나 학습률을 키워 보세요."
    ),
    "status.slow_hint.raw": "가장 완만한 방향은 매 단계 {factor}배로만 줄어듭니다 (x를 중심화하거나 표준화해 보세요).",
    "status.slow_hint.center": "가장 완만한 방향은 매 단계 {factor}배로만 줄어듭니다 (x를 표준화하면 두 방향이 같은 속도로 줄어듭니다).",
    "status.slow_hint.standardize": "두 방향 모두 매 단계 {factor}배로 줄어듭니다. 학습률을 η_c 가까이 키우면 더 빨리 수렴합니다.",
}

EN: dict[str, str] = {
    "run.header": "Gradient descent",
    "run.lr": "Learning rate η (as a multiple of η_c)",
    "run.lr.help": (
        "η_c = 2/λ_max is the largest learning rate at which gradient descent does not diverge on "
        "this data (λ_max: the largest eigenvalue of the loss's Hessian). Above 1 it diverges."
    ),
    "run.lr.value": "Actual learning rate η = {eta}  (η_c = 2/λ_max = {etac})",
    "run.steps": "Max steps",
    "run.w0": "Start w₀",
    "run.b0": "Start b₀",
    "run.view": "Loss surface view",
    "run.view.auto": "Auto",
    "run.view.3d": "3D surface",
    "run.loss": "Loss function",
    "run.loss.mse": "MSE",
    "run.loss.mae": "MAE",
    "run.loss.huber": "Huber",
    "run.loss.help": "MSE: mean squared error (1/n)Σr². MAE: mean absolute error (1/n)Σ|r|. Huber: squares small residuals and counts large ones like absolute values. The page 'Choosing a loss' compares them.",
    "run.view.contour": "Contour (2D)",
    "run.layout": "Layout",
    "run.layout.auto": "Auto",
    "run.layout.wide": "Wide",
    "run.layout.stacked": "Stacked",
    "run.bounds": "Work per run is capped: {steps:,} steps, {frames} animation frames, a {grid}×{grid} grid.",
    "home.intro": (
        "Press ▶ Play: while the (w, b) point rolls down the loss surface, the regression line swings "
        "into the data and the loss curve falls. Then push the learning rate in the sidebar past η_c "
        "and see exactly where it starts to blow up."
    ),
    "home.summary": "Run summary",
    "home.optimum.mse": "Least-squares solution (the target)",
    "home.optimum.mae": "The line with the least MAE (the target)",
    "home.optimum.huber": "The line with the least Huber loss (the target)",
    "home.loss_note.mae": "MAE has kinks where it has no derivative, so descent follows a subgradient. With a fixed learning rate it keeps bouncing near the minimum in a band about η·|gradient| wide and never settles. η_c = 2/λ_max and the divergence boundary belong to the MSE; here they only set the scale of the rate.",
    "home.loss_note.huber": "The Huber loss is ½r² for small residuals (half the MSE), so it stays stable up to twice the MSE's rate. η_c = 2/λ_max is the MSE's value; here it only sets the scale of the rate.",
    "status.diverged.other": "💥 Diverged at step {step}: the loss exceeded 10⁶ times its starting value. Lower the learning rate.",
    "home.optimum.value": "w* = {w}, b* = {b}, least loss L* = {loss}",
    "home.eta": "Learning rate",
    "home.eta.value": "η = {eta} = {mult} × η_c",
    "home.final": "Final point",
    "home.final.value": "w = {w}, b = {b}, L = {loss}",
    "status.converged": "✅ Converged at step {step}: the excess loss L − L* fell below 10⁻⁹ of where it started.",
    "status.converged.grad": "✅ Converged at step {step}: the gradient is zero.",
    "status.converged.start": "✅ The start is already the minimum.",
    "status.diverged": (
        "💥 Diverged at step {step}: the loss exceeded 10⁶ times its starting value. η is {mult}× "
        "the stability limit η_c = 2/λ_max, so along the steepest direction the error grows by "
        "|1 − η·λ_max| = {factor} every step."
    ),
    "status.max_steps": (
        "⏳ Still going after {steps:,} steps: {frac} of the starting excess loss is left. "
        "Allow more steps or a larger learning rate."
    ),
    "status.slow_hint.raw": "The flattest direction shrinks by only {factor} per step (try centring or standardizing x).",
    "status.slow_hint.center": "The flattest direction shrinks by only {factor} per step (standardizing x makes both directions shrink equally fast).",
    "status.slow_hint.standardize": "Both directions shrink by {factor} per step; a learning rate closer to η_c converges faster.",
}
