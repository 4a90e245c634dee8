"""Text of the loss page (pages/4_losses.py) and its figures (Korean and English, identical keys).

Keys ``lossfig.*`` follow ``gd_core.figures.losses.LOSS_LABELS``. In Markdown, ``L\\*`` keeps the
star from starting italics.
"""

KO: dict[str, str] = {
    # --- sidebar --------------------------------------------------------------------------
    "loss.side.header": "손실 비교 설정 (②)",
    "loss.view": "곡면 보기",
    "loss.view.contour": "등고선 (2D)",
    "loss.view.3d": "3D 곡면",
    "loss.hk": "후버의 δ (σ̂의 몇 배)",
    "loss.hk.help": "δ가 크면 후버 손실은 MSE의 절반에, 작으면 MAE의 δ배에 가까워집니다. 기본값 1.345배는 잡음이 정규분포일 때 효율이 95%가 되는 값입니다 (Huber, 1964).",
    "loss.side.mae": "MAE 하강 실험 (④)",
    "loss.mlr": "학습률 η (η₀의 몇 배)",
    "loss.mlr.help": "η₀ = (L₀ − L\\*)/G², G² = mean(x²) + 1. 손실이 가장 가파른 기울기로 계속 내려간다면 한 걸음에 최솟값 높이에 닿는 보폭입니다. MAE에는 MSE의 η_c 같은 안정 한계가 없어서 이 값을 기준으로 씁니다.",
    "loss.mlr.value": "실제 학습률 η = {eta}  (η₀ = {eta0})",
    "loss.tau": "감소 시간 τ (학습률이 절반이 되는 단계)",
    "loss.tau.help": "줄어드는 학습률 η_t = η/(1 + t/τ)는 τ단계 뒤에 절반, 3τ단계 뒤에 4분의 1이 됩니다.",
    "loss.msteps": "반복 횟수",
    "loss.w0": "시작점 w₀",
    "loss.b0": "시작점 b₀",
    "loss.caps": "한 번에 계산하는 양의 한도: 곡면 격자 {grid}×{grid}, 그림의 점 {points:,}개, MAE 하강은 행 × 반복 {work:,}까지. MAE·후버 곡면은 {rows:,}행이 넘으면 표본으로 계산합니다.",
    # --- page -----------------------------------------------------------------------------
    "loss.title": "손실 함수 고르기",
    "loss.tagline": "평균제곱오차, 평균절대오차, 후버 손실: 같은 데이터에서 무엇이 달라지나",
    "loss.intro": (
        "직선 ŷ = w·x + b가 데이터와 얼마나 안 맞는지는 여러 방법으로 잴 수 있습니다. 잔차 rᵢ = ŷᵢ − yᵢ로 쓰면:\n\n"
        "- **평균제곱오차(MSE)** L = (1/n) Σ rᵢ²: 이 앱의 다른 페이지가 쓰는 손실입니다 (앞에 ½이 없습니다).\n"
        "- **평균절대오차(MAE)** L = (1/n) Σ |rᵢ|\n"
        "- **후버 손실** L = (1/n) Σ ρ_δ(rᵢ): |r| ≤ δ이면 ½r², 아니면 δ·(|r| − ½δ). 작은 잔차는 제곱처럼, 큰 잔차는 "
        "절댓값처럼 다룹니다 (½이 있어서 δ가 아주 크면 MSE의 절반이 됩니다).\n\n"
        "점 하나를 이상치로 만들어 세 직선이 어떻게 반응하는지 보고, 왜 제곱이 기본값인지 확인해 보세요."
    ),
    # ① ρ and ψ
    "loss.s1.header": "① 한 점의 손실과 그 기울기: 직선을 끌어당기는 힘",
    "loss.s1.lead": "한 점의 손실 ρ(r)을 잔차 r로 미분한 ρ′(r)이 그 점이 직선을 끌어당기는 힘입니다. 경사하강법의 기울기는 이 힘에 xᵢ(또는 1)를 곱해 평균한 것입니다. 가로축은 후버의 δ를 1로 잡은 잔차입니다.",
    "loss.s1.points": (
        "- **평균제곱오차**: ρ(r) = r², ρ′(r) = 2r. 잔차가 두 배면 끌어당기는 힘도 두 배라, 멀리 떨어진 점 하나가 "
        "직선을 크게 끌어당깁니다.\n"
        "- **평균절대오차**: ρ(r) = |r|, ρ′(r) = sign(r). 힘의 크기가 언제나 1이라 멀리 있는 점도 가까운 점과 같은 "
        "힘으로만 당깁니다. 대신 r = 0에서 꺾여 **미분 불가능한 점**이 생기고, 그곳에서는 [−1, 1] 사이의 어떤 값이든 "
        "기울기 노릇을 할 수 있습니다. 이것을 **부분기울기**라고 합니다 (엔진은 NumPy처럼 sign(0) = 0을 씁니다).\n"
        "- **후버 손실**: |r| ≤ δ에서는 ½r²이라 힘이 r(MSE의 절반)이고, 그 밖에서는 힘이 ±δ로 잘립니다. 어디서나 "
        "미분 가능합니다."
    ),
    # ② outlier
    "loss.s2.header": "② 같은 데이터, 세 가지 손실: 이상치 하나의 힘",
    "loss.s2.lead": (
        "세 손실로 같은 데이터에 직선을 맞춥니다. **새 점 추가**를 골라 좌표로 점을 하나 넣거나, 그림에서 점을 클릭해 "
        "고른 뒤 슬라이더로 옮겨 보세요. MSE 직선이 크게 흔들리는 동안 MAE 직선은 거의 움직이지 않습니다. 점의 좌표는 "
        "주소(링크)에 저장되어 수업에서 그대로 공유할 수 있습니다."
    ),
    "loss.pt": "점 하나 바꾸기",
    "loss.pt.none": "그대로",
    "loss.pt.add": "새 점 추가",
    "loss.pt.move": "있는 점 옮기기",
    "loss.pt.help": "새 점을 좌표로 넣거나, 데이터의 점 하나를 골라(그림에서 클릭하거나 행 번호로) 슬라이더로 옮깁니다.",
    "loss.row": "옮길 점의 행 번호",
    "loss.px": "점의 x ({x})",
    "loss.py": "점의 y ({y})",
    "loss.pick.hint": "그림에서 점을 클릭하면 그 점을 골라 옮길 수 있습니다.",
    "loss.pt.clamped": "점의 {name} 값 {raw}이(가) 슬라이더 범위({lo} ~ {hi}) 밖이라 {used}(으)로 옮겼습니다.",
    "loss.row.clamped": "행 번호 {raw}이(가) 데이터의 행 수({n})보다 커서 마지막 행을 씁니다.",
    "loss.pt.error": "이 점을 넣으면 직선을 맞출 수 없어 원래 데이터를 씁니다: {msg}",
    "loss.none.hint": "👆 아직 바꾼 점이 없습니다. '새 점 추가'를 고르거나 그림에서 점을 하나 클릭해 보세요.",
    "loss.shift.lead": "점을 바꾸기 전과 후의 직선을 원래 데이터의 x 범위({lo} ~ {hi})에서 비교해, 예측값이 가장 크게 달라진 양입니다 ({y} 단위):",
    "loss.shift.mse": "MSE 직선의 이동",
    "loss.shift.mae": "MAE 직선의 이동",
    "loss.shift.huber": "후버 직선의 이동",
    "loss.shift.help": "점을 바꾸기 전과 후의 직선을 데이터의 x 범위에서 비교해, 예측 ŷ가 가장 크게 달라진 양입니다.",
    "loss.shift.verdict": "MSE 직선이 MAE 직선보다 {ratio}배 더 움직였습니다. 제곱 손실에서는 잔차가 큰 점일수록 세게 당기지만, 절댓값 손실에서는 어떤 점이든 같은 힘(1)으로만 당기기 때문입니다.",
    "loss.shift.verdict.still": "MSE 직선만 움직이고 MAE 직선은 그대로입니다. 절댓값 손실에서는 어떤 점이든 같은 힘(1)으로만 당기므로, 점이 직선의 같은 쪽에 있는 한 얼마나 멀리 있는지는 상관이 없습니다.",
    "loss.shift.same": "👈 점이 아직 제자리에 있어 세 직선 모두 그대로입니다. 슬라이더로 점을 옮겨 보세요.",
    "loss.shift.verdict.mae": (
        "이번에는 MAE 직선이 MSE 직선만큼, 또는 더 많이 움직였습니다. 점이 다른 점들 사이로 들어가 직선이 지나는 두 점이 "
        "바뀌었거나, x 방향으로 멀리 떨어진 점(지렛대가 큰 점)이기 때문입니다. MAE는 y 방향 이상치에는 강하지만 x 방향으로 "
        "튀는 점에는 강하지 않습니다."
    ),
    "loss.leverage": "이 점은 데이터의 x 범위 밖에 있습니다. x 방향으로 멀리 떨어진 점은 지렛대처럼 직선의 기울기를 크게 바꿀 수 있어서, MAE 직선도 끌려갈 수 있습니다.",
    "loss.lad": (
        "**MAE 직선은 언제나 데이터 점 두 개를 정확히 지납니다.** 지금은 ({x1}, {y1}), ({x2}, {y2})의 두 점입니다 (그림의 초록 고리). "
        "최소제곱처럼 공식은 없지만, 이 성질 덕분에 '두 점을 지나는 직선' 가운데에서 정확한 최솟값을 찾을 수 있습니다 "
        "(최소절대편차법)."
    ),
    "loss.surf.header": "세 손실의 곡면",
    "loss.surf.lead": (
        "같은 (w, b) 범위에서 세 손실의 곡면을 나란히 봅니다 (x는 사이드바의 변환: {tx}). 별은 최솟값, 흰 원은 점을 "
        "바꾸기 전의 최솟값입니다. MSE는 매끈한 그릇이라 등고선이 타원이고, MAE는 잔차 하나가 0이 되는 선(흰 선)마다 "
        "꺾이는 주름이 있어 등고선이 다각형입니다. MAE의 최솟값은 그런 주름 두 개가 만나는 곳(초록 선)에 있고, 그 두 "
        "주름이 바로 직선이 지나는 두 점입니다. 후버는 그 중간입니다. 선은 등고선 보기에서 그려집니다."
    ),
    "loss.delta": "후버의 δ = {k} × σ̂ = {delta} ({y} 단위). σ̂는 최소제곱 잔차의 로버스트 표준편차(1.4826 × 중앙값 절대편차)입니다.",
    "loss.sample": "MAE와 후버의 곡면은 합 몇 개로 요약할 수 없어서 격자의 w마다 잔차를 정렬해 계산합니다. 데이터가 {n:,}행이라 그중 {m:,}행의 층화 표본으로 그렸습니다 (MSE 곡면과 모든 최솟값은 전체 행으로 계산했습니다).",
    # ③ table
    "loss.s3.header": "③ 최솟값은 어떻게 구하고, 경사하강법은 어떻게 끝나나",
    "loss.s3.lead": "MSE에서 배운 사실(정규방정식, 수렴, 2/λ_max) 가운데 다른 손실에도 남는 것은 무엇일까요?",
    "loss.s3.mse": (
        "**평균제곱오차 (MSE)**\n\n"
        "- **최솟값**: 정규방정식으로 한 번에 (최소제곱법)\n"
        "- **경사하강법**: 최솟값에 다가갈수록 기울기도 0으로 줄어, 고정 학습률로 수렴\n"
        "- **학습률의 한계**: η < η_c = 2/λ_max이면 수렴, 넘으면 발산. 느림·좋음·진동·발산 구간도 이 손실의 이야기"
    ),
    "loss.s3.mae": (
        "**평균절대오차 (MAE)**\n\n"
        "- **최솟값**: 공식은 없지만 정확히 구할 수 있음. 최적의 직선은 데이터 점 두 개를 지남 (최소절대편차법)\n"
        "- **경사하강법**: 고정 학습률로는 멈추지 않고 η·|g| 폭으로 맴돎. 학습률을 줄여 가야 수렴 (④)\n"
        "- **학습률의 한계**: 꺾인 곳 말고는 곡률(헤시안)이 0이라 2/λ_max가 없음"
    ),
    "loss.s3.huber": (
        "**후버 손실**\n\n"
        "- **최솟값**: 반복 재가중 최소제곱(IRLS)이나 뉴턴법으로 몇 번 만에\n"
        "- **경사하강법**: 어디서나 미분 가능해서 고정 학습률로 수렴\n"
        "- **학습률의 한계**: 곡률이 MSE의 절반 이하라 η < 2·η_c면 충분. 곡률이 곳마다 달라 구간은 고정되지 않음"
    ),
    "loss.name.mse": "평균제곱오차 (MSE)",
    "loss.name.mae": "평균절대오차 (MAE)",
    "loss.name.huber": "후버 손실",
    "loss.method.closed_form": "정규방정식 (공식 풀이)",
    "loss.method.lad_exact": "정확한 최소절대편차 해 (두 점을 지나는 직선)",
    "loss.method.newton": "뉴턴법 (IRLS와 같은 해)",
    "loss.col.loss": "손실",
    "loss.col.slope": "기울기",
    "loss.col.intercept": "절편",
    "loss.col.value": "최소 손실",
    "loss.col.method": "구한 방법",
    "loss.s3.units": "기울기와 절편은 원래 단위의 x({x})와 y({y})로 쓴 값입니다. 최소 손실은 지금 데이터(바꾼 점 포함)에서의 값입니다.",
    # ④ MAE descent
    "loss.s4.header": "④ MAE의 부분기울기 하강: 학습률을 줄여야 멈춘다",
    "loss.s4.lead": (
        "MAE의 기울기는 최솟값 바로 옆에서도 크기가 줄지 않습니다. 그래서 학습률 η를 고정하면 최솟값 주위를 한 걸음에 "
        "η·|g|씩 계속 뛰어다닐 뿐 멈추지 않습니다. 학습률을 η_t = η/(1 + t/τ)처럼 점점 줄이면 걸음이 작아지면서 "
        "최솟값에 다가갑니다. 같은 시작점 (w₀, b₀) = ({w0}, {b0})에서 두 경우를 비교합니다."
    ),
    "loss.error.start": "이 시작점에서는 손실이 너무 커서 계산할 수 없습니다. 시작점 w₀, b₀를 0에 가깝게 바꿔 주세요.",
    "loss.s4.fixed": "🔴 **고정 학습률 η = {eta}**: 마지막 {q:,}단계 동안 최솟값에서 {lo} ~ {hi} 떨어진 곳을 맴돌았고, 한 걸음의 길이 η·|g|는 평균 {step}입니다. 더 돌려도 이 띠를 벗어나지 않습니다.",
    "loss.s4.decayed": "🔵 **줄어드는 학습률 η/(1 + t/{tau})**: 마지막 걸음의 길이는 {step}, 최솟값까지 남은 거리는 {d}입니다. 고정 학습률의 마지막 위치보다 {ratio}배 가깝습니다.",
    "loss.s4.decayed.slow": "🔵 **줄어드는 학습률 η/(1 + t/{tau})**: 마지막 걸음의 길이는 {step}, 최솟값까지 남은 거리는 {d}로 아직 고정 학습률보다 멉니다. 학습률이 너무 빨리 줄었거나 반복이 모자랍니다: τ나 반복 횟수를 늘려 보세요.",
    "loss.s4.capped": "데이터가 {n:,}행이라 한 번에 계산하는 양(행 × 반복 {work:,})의 한도 때문에 {steps:,}단계까지만 돌렸습니다.",
    "loss.s4.raw": "x를 변환하지 않으면(원래 값) 손실 곡면이 길쭉한 골짜기라 두 경우 모두 거의 나아가지 못합니다. 사이드바에서 x를 중심화하거나 표준화해 보세요.",
    "loss.s4.why": (
        "**왜 MSE에서는 이런 일이 없을까?** MSE의 기울기는 최솟값에 가까울수록 0으로 줄어들어, 고정 학습률로도 걸음이 "
        "저절로 작아집니다. MAE에는 걸음을 줄여 줄 곡률이 없어서 학습률 자체를 줄여야 합니다. 그래서 η_c = 2/λ_max와 "
        "'느림·좋음·진동·발산' 구간은 MSE처럼 곡률이 있는 손실의 이야기이고, MAE에는 해당하지 않습니다."
    ),
    # ⑤ why squares
    "loss.s5.header": "⑤ 왜 제곱이 기본값일까, 그리고 언제 아닐까",
    "loss.s5.body": (
        "- **매끈한 기울기**: 어디서나 미분 가능하고, 최솟값에 다가갈수록 기울기도 0으로 줄어 고정 학습률로도 멈춥니다 "
        "(④와 비교해 보세요).\n"
        "- **공식 풀이**: 정규방정식으로 정답을 한 번에 구할 수 있고, 학습률의 한계 2/λ_max도 미리 계산됩니다.\n"
        "- **큰 오차를 더 무겁게**: 오차 10 하나가 오차 1 열 개보다 열 배 나쁩니다. 큰 실수가 치명적인 문제에 맞고, "
        "잡음이 정규분포라면 최소제곱 해가 최대우도 추정값이기도 합니다.\n\n"
        "**언제 아닐까.** 측정 오류나 입력 실수 같은 이상치가 섞여 있으면 제곱 손실은 그 점에 끌려갑니다 (②). 그럴 때는 "
        "중앙값처럼 동작하는 MAE나, 작은 오차에는 제곱의 매끈함을, 큰 오차에는 절댓값의 둔감함을 주는 후버 손실을 씁니다. "
        "다만 MAE도 x 방향으로 멀리 떨어진 점에는 약하고, 경사하강법으로 풀려면 학습률을 줄여 가야 합니다."
    ),
    # --- figures (keys follow gd_core.figures.losses.LOSS_LABELS) ---------------------------
    "lossfig.mse": "MSE (제곱)",
    "lossfig.mae": "MAE (절댓값)",
    "lossfig.huber": "후버",
    "lossfig.mse_long": "평균제곱오차 (MSE)",
    "lossfig.mae_long": "평균절대오차 (MAE)",
    "lossfig.huber_long": "후버 손실, δ = {delta}",
    "lossfig.r_axis": "잔차 r = ŷ − y",
    "lossfig.rho_title": "한 점의 손실 ρ(r)",
    "lossfig.psi_title": "그 기울기 ρ′(r): 직선을 끌어당기는 힘",
    "lossfig.rho_axis": "ρ(r)",
    "lossfig.psi_axis": "ρ′(r)",
    "lossfig.kink": "r = 0에서 미분 불가능:<br>부분기울기 [−1, 1]",
    "lossfig.delta_mark": "±δ",
    "lossfig.w_axis": "w (기울기)",
    "lossfig.b_axis": "b (절편)",
    "lossfig.minimum": "최솟값",
    "lossfig.before": "점을 바꾸기 전의 최솟값",
    "lossfig.creases": "주름: 잔차 하나가 0인 곳",
    "lossfig.creases_min": "최솟값을 지나는 두 주름",
    "lossfig.data": "데이터",
    "lossfig.was_here": "원래 위치",
    "lossfig.outlier": "추가하거나 옮긴 점",
    "lossfig.line_before": "바꾸기 전 {loss}",
    "lossfig.lad_points": "MAE 직선이 지나는 두 점",
    "lossfig.sampled": "{total:,}개 중 {shown:,}개 점 표시",
    "lossfig.fixed": "고정 학습률 η = {eta}",
    "lossfig.decayed": "줄어드는 학습률 η/(1 + t/{tau})",
    "lossfig.band": "한 걸음 η·|g| ≈ {band}",
    "lossfig.dist_axis": "MAE 최솟값까지의 거리 (로그 눈금)",
    "lossfig.step_axis": "단계 t",
    "lossfig.tail_title": "마지막 {tail}단계 (최솟값 근처)",
    "lossfig.dist_title": "최솟값까지의 거리",
}

EN: dict[str, str] = {
    "loss.side.header": "Comparing losses (②)",
    "loss.view": "Surface view",
    "loss.view.contour": "Contour (2D)",
    "loss.view.3d": "3D surface",
    "loss.hk": "Huber's δ (as a multiple of σ̂)",
    "loss.hk.help": "A large δ makes the Huber loss close to half the MSE; a small one, close to δ times the MAE. The default 1.345 gives 95% efficiency when the noise is normal (Huber, 1964).",
    "loss.side.mae": "MAE descent (④)",
    "loss.mlr": "Learning rate η (as a multiple of η₀)",
    "loss.mlr.help": "η₀ = (L₀ − L\\*)/G², G² = mean(x²) + 1: the step that would reach the minimum's height at once if the loss kept falling at its steepest possible slope. The MAE has no stability limit like the MSE's η_c, so rates are given relative to this.",
    "loss.mlr.value": "Actual learning rate η = {eta}  (η₀ = {eta0})",
    "loss.tau": "Decay time τ (steps until the rate halves)",
    "loss.tau.help": "The decaying rate η_t = η/(1 + t/τ) is half after τ steps and a quarter after 3τ.",
    "loss.msteps": "Steps",
    "loss.w0": "Start w₀",
    "loss.b0": "Start b₀",
    "loss.caps": "Work per run is capped: a {grid}×{grid} surface grid, {points:,} points drawn, rows × steps of the MAE descent up to {work:,}. Above {rows:,} rows the MAE and Huber surfaces are computed from a sample.",
    "loss.title": "Choosing a loss",
    "loss.tagline": "Mean squared error, mean absolute error, Huber loss: what changes on the same data",
    "loss.intro": (
        "How badly a line ŷ = w·x + b misses the data can be measured in more than one way. With residuals "
        "rᵢ = ŷᵢ − yᵢ:\n\n"
        "- **Mean squared error (MSE)** L = (1/n) Σ rᵢ²: the loss the other pages of this app use (no ½ in "
        "front).\n"
        "- **Mean absolute error (MAE)** L = (1/n) Σ |rᵢ|\n"
        "- **Huber loss** L = (1/n) Σ ρ_δ(rᵢ): ½r² when |r| ≤ δ, else δ·(|r| − ½δ). Small residuals are "
        "treated like squares, large ones like absolute values (with the ½, a very large δ gives half the "
        "MSE).\n\n"
        "Turn one point into an outlier, watch how the three lines react, and see why squaring is the default."
    ),
    "loss.s1.header": "① One point's loss and its slope: the pull on the line",
    "loss.s1.lead": "The derivative ρ′(r) of one point's loss ρ(r) with respect to its residual r is how hard that point pulls on the line. The gradient of descent averages these pulls, times xᵢ (or 1). The horizontal axis measures residuals in units of Huber's δ.",
    "loss.s1.points": (
        "- **Mean squared error**: ρ(r) = r², ρ′(r) = 2r. Twice the residual, twice the pull: one far-away "
        "point drags the line a long way.\n"
        "- **Mean absolute error**: ρ(r) = |r|, ρ′(r) = sign(r). The pull always has size 1, so a far-away "
        "point pulls no harder than a near one. In exchange the loss has a kink at r = 0, a **point where it "
        "is not differentiable**: there any value in [−1, 1] can serve as the slope, a **subgradient** (the "
        "engine uses sign(0) = 0, as NumPy does).\n"
        "- **Huber loss**: ½r² for |r| ≤ δ, so the pull is r (half the MSE's); beyond δ the pull is capped "
        "at ±δ. It is differentiable everywhere."
    ),
    "loss.s2.header": "② Same data, three losses: the pull of one outlier",
    "loss.s2.lead": (
        "The three losses fit a line to the same data. Choose **Add a point** and place one by its "
        "coordinates, or click a point in the figure to pick it and move it with the sliders. The MSE line "
        "swings while the MAE line barely moves. The point's coordinates are kept in the address (the link), "
        "so a class can share the exact setup."
    ),
    "loss.pt": "Change one point",
    "loss.pt.none": "leave as is",
    "loss.pt.add": "add a point",
    "loss.pt.move": "move a point",
    "loss.pt.help": "Add a new point by its coordinates, or pick one of the data's points (click it in the figure, or give its row) and move it with the sliders.",
    "loss.row": "Row of the point to move",
    "loss.px": "The point's x ({x})",
    "loss.py": "The point's y ({y})",
    "loss.pick.hint": "Click a point in the figure to pick it and move it.",
    "loss.pt.clamped": "The point's {name} = {raw} is outside the slider's range ({lo} to {hi}); using {used}.",
    "loss.row.clamped": "Row {raw} is beyond the data's {n} rows; using the last row.",
    "loss.pt.error": "No line can be fitted with this point, so the original data is used: {msg}",
    "loss.none.hint": "👆 No point changed yet. Choose 'add a point', or click a point in the figure.",
    "loss.shift.lead": "Comparing each line before and after the change over the original data's x range ({lo} to {hi}): the largest change of its predictions (in units of {y}):",
    "loss.shift.mse": "MSE line moved",
    "loss.shift.mae": "MAE line moved",
    "loss.shift.huber": "Huber line moved",
    "loss.shift.help": "The largest change of the prediction ŷ between the lines before and after the change, over the data's x range.",
    "loss.shift.verdict": "The MSE line moved {ratio} times as far as the MAE line. Under squared error a point pulls harder the larger its residual; under absolute error every point pulls with the same force, 1.",
    "loss.shift.verdict.still": "Only the MSE line moved; the MAE line stayed put. Under absolute error every point pulls with the same force, 1, so as long as the point stays on the same side of the line, how far away it is does not matter.",
    "loss.shift.same": "👈 The point is still where it was, so no line has moved. Move it with the sliders.",
    "loss.shift.verdict.mae": (
        "This time the MAE line moved as much as the MSE line, or more. Either the point moved in among the "
        "others and changed which two points the line passes through, or it lies far out in x (a high-leverage "
        "point). The MAE resists outliers in y, not points that stray far in x."
    ),
    "loss.leverage": "This point lies outside the data's x range. A point far out in x acts like a lever on the slope, and can drag even the MAE line.",
    "loss.lad": (
        "**The MAE line always passes exactly through two data points**: the green rings in the figure, the "
        "points ({x1}, {y1}) and ({x2}, {y2}). There is no formula as for least squares, but this property lets "
        "the exact minimum be found among the lines through two points (least absolute deviations)."
    ),
    "loss.surf.header": "The three loss surfaces",
    "loss.surf.lead": (
        "The three losses over the same (w, b) window (x as in the sidebar's transform: {tx}). Stars mark the "
        "minima, white circles the minima before the change. The MSE is a smooth bowl with elliptic contours. "
        "The MAE has a crease along every line where one residual is 0 (white lines), so its contours are "
        "polygons; its minimum sits where two creases cross (green lines), and those two creases are the two "
        "points its line passes through. The Huber loss is in between. The lines are drawn in the contour "
        "view."
    ),
    "loss.delta": "Huber's δ = {k} × σ̂ = {delta} (in units of {y}). σ̂ is a robust standard deviation of the least-squares residuals (1.4826 × the median absolute deviation).",
    "loss.sample": "The MAE and Huber surfaces cannot be summarized by a few sums, so residuals are sorted for every w of the grid. The data has {n:,} rows, so these surfaces were drawn from a stratified sample of {m:,} rows (the MSE surface and all the minima use every row).",
    "loss.s3.header": "③ How to find the minimum, and how descent ends",
    "loss.s3.lead": "Which of the MSE's facts (normal equations, convergence, 2/λ_max) survive with the other losses?",
    "loss.s3.mse": (
        "**Mean squared error (MSE)**\n\n"
        "- **Minimum**: the normal equations, in one go (least squares)\n"
        "- **Descent**: the gradient shrinks to 0 near the minimum, so a fixed rate converges\n"
        "- **Rate limit**: converges for η < η_c = 2/λ_max, diverges above; the slow, good, oscillating and "
        "diverging zones are this loss's story"
    ),
    "loss.s3.mae": (
        "**Mean absolute error (MAE)**\n\n"
        "- **Minimum**: no formula, but exact: the best line passes through two data points (least absolute "
        "deviations)\n"
        "- **Descent**: with a fixed rate it never settles, bouncing in a band about η·|g| wide; the rate has "
        "to decay (④)\n"
        "- **Rate limit**: curvature (the Hessian) is 0 except at the kinks, so there is no 2/λ_max"
    ),
    "loss.s3.huber": (
        "**Huber loss**\n\n"
        "- **Minimum**: iteratively reweighted least squares (IRLS) or Newton's method, in a few steps\n"
        "- **Descent**: differentiable everywhere, so a fixed rate converges\n"
        "- **Rate limit**: at most half the MSE's curvature, so η < 2·η_c always works; the zones move with "
        "the data, as the curvature varies"
    ),
    "loss.name.mse": "mean squared error (MSE)",
    "loss.name.mae": "mean absolute error (MAE)",
    "loss.name.huber": "Huber loss",
    "loss.method.closed_form": "normal equations (closed form)",
    "loss.method.lad_exact": "exact least absolute deviations (a line through two points)",
    "loss.method.newton": "Newton's method (same answer as IRLS)",
    "loss.col.loss": "loss",
    "loss.col.slope": "slope",
    "loss.col.intercept": "intercept",
    "loss.col.value": "least loss",
    "loss.col.method": "found by",
    "loss.s3.units": "Slopes and intercepts are in the original units of x ({x}) and y ({y}). The least loss is on the current data (with the changed point).",
    "loss.s4.header": "④ Subgradient descent on the MAE: only a shrinking rate settles",
    "loss.s4.lead": (
        "The MAE's gradient keeps its size right next to the minimum. So with a fixed learning rate η descent "
        "keeps hopping around the minimum in steps of η·|g| and never settles. Let the rate shrink, "
        "η_t = η/(1 + t/τ), and the steps get smaller as it closes in. Both runs start from "
        "(w₀, b₀) = ({w0}, {b0})."
    ),
    "loss.error.start": "The loss at this start is too large to compute. Move the start w₀, b₀ closer to 0.",
    "loss.s4.fixed": "🔴 **Fixed rate η = {eta}**: over the last {q:,} steps it stayed between {lo} and {hi} from the minimum, with steps η·|g| of {step} on average. More steps will not get it out of this band.",
    "loss.s4.decayed": "🔵 **Decaying rate η/(1 + t/{tau})**: its last step was {step} long and it ended {d} from the minimum, {ratio} times closer than the fixed rate's last point.",
    "loss.s4.decayed.slow": "🔵 **Decaying rate η/(1 + t/{tau})**: its last step was {step} long and it ended {d} from the minimum, still farther than the fixed rate. The rate shrank too fast or the run was too short: raise τ or the steps.",
    "loss.s4.capped": "With {n:,} rows, the cap on work per run (rows × steps up to {work:,}) limits these runs to {steps:,} steps.",
    "loss.s4.raw": "With x untransformed (raw) the loss surface is a long, narrow valley and neither run gets far. Centre or standardize x in the sidebar.",
    "loss.s4.why": (
        "**Why does this not happen with the MSE?** The MSE's gradient shrinks to 0 near the minimum, so even "
        "a fixed rate takes smaller and smaller steps. The MAE has no curvature to shrink the steps, so the "
        "rate itself must shrink. That is why η_c = 2/λ_max and the slow, good, oscillating and diverging "
        "zones belong to the MSE (and losses with curvature like it), not to the MAE."
    ),
    "loss.s5.header": "⑤ Why squared error is the default, and when it is not",
    "loss.s5.body": (
        "- **A smooth gradient**: differentiable everywhere, and the gradient shrinks to 0 near the minimum, "
        "so even a fixed rate stops (compare ④).\n"
        "- **A closed form**: the normal equations give the answer in one go, and the largest safe rate, "
        "2/λ_max, can be computed in advance.\n"
        "- **Big errors weigh more**: one error of 10 is ten times worse than ten errors of 1. That suits "
        "problems where big mistakes are costly, and with normal noise the least-squares line is also the "
        "maximum-likelihood estimate.\n\n"
        "**When it is not.** When outliers creep in, such as measurement errors or typos, squared error gets "
        "dragged towards them (②). Then use the MAE, which behaves like a median, or the Huber loss, which "
        "keeps the smoothness of squares for small errors and the indifference of absolute values for large "
        "ones. Mind that the MAE, too, is vulnerable to points far out in x, and that descent on it needs a "
        "shrinking rate."
    ),
    "lossfig.mse": "MSE",
    "lossfig.mae": "MAE",
    "lossfig.huber": "Huber",
    "lossfig.mse_long": "mean squared error (MSE)",
    "lossfig.mae_long": "mean absolute error (MAE)",
    "lossfig.huber_long": "Huber loss, δ = {delta}",
    "lossfig.r_axis": "residual r = ŷ − y",
    "lossfig.rho_title": "loss of one point ρ(r)",
    "lossfig.psi_title": "its slope ρ′(r): the pull on the line",
    "lossfig.rho_axis": "ρ(r)",
    "lossfig.psi_axis": "ρ′(r)",
    "lossfig.kink": "no derivative at r = 0:<br>subgradient [−1, 1]",
    "lossfig.delta_mark": "±δ",
    "lossfig.w_axis": "w (slope)",
    "lossfig.b_axis": "b (intercept)",
    "lossfig.minimum": "minimum",
    "lossfig.before": "minimum before the change",
    "lossfig.creases": "creases: one residual is 0",
    "lossfig.creases_min": "the two creases through the minimum",
    "lossfig.data": "data",
    "lossfig.was_here": "where it was",
    "lossfig.outlier": "added or moved point",
    "lossfig.line_before": "{loss} before",
    "lossfig.lad_points": "the MAE line's two points",
    "lossfig.sampled": "showing {shown:,} of {total:,} points",
    "lossfig.fixed": "fixed rate η = {eta}",
    "lossfig.decayed": "decaying rate η/(1 + t/{tau})",
    "lossfig.band": "one step η·|g| ≈ {band}",
    "lossfig.dist_axis": "distance to the MAE minimum (log scale)",
    "lossfig.step_axis": "step t",
    "lossfig.tail_title": "the last {tail} steps, near the minimum",
    "lossfig.dist_title": "distance to the minimum",
}
