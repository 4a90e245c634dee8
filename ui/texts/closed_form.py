"""Text of the closed-form page (pages/3_closed_form.py) and its figures (Korean and English, identical keys).

Keys ``cffig.*`` follow ``gd_core.figures.closed_form.CF_LABELS``. In Markdown, ``w\\*`` keeps the
star from starting italics.
"""

KO: dict[str, str] = {
    # --- sidebar --------------------------------------------------------------------------
    "cf.side.header": "경사하강법 설정 (②)",
    "cf.lr": "학습률 η (η_c의 몇 배?)",
    "cf.lr.help": "η_c = 2/λ_max는 이 데이터에서 발산하지 않는 가장 큰 학습률입니다 (λ_max: 헤시안의 가장 큰 고윳값). 1배를 넘기면 발산합니다.",
    "cf.lr.value": "실제 학습률 η = {eta}  (η_c = {etac})",
    "cf.steps": "최대 반복 횟수",
    "cf.w0": "시작점 w₀",
    "cf.b0": "시작점 b₀",
    "cf.caps": "한 번에 계산하는 양의 한도: 반복 {steps:,}회까지. 시간 측정은 서버마다 한 번만, d는 {dmax:,}까지, 행은 {n:,}개로 합니다.",
    # --- page -----------------------------------------------------------------------------
    "cf.title": "공식 풀이 vs 경사하강법",
    "cf.tagline": "정규방정식으로 한 번에 구한 정답, 그리고 그래도 경사하강법을 쓰는 진짜 이유",
    "cf.intro": (
        "평균제곱오차(MSE)를 편미분해 0으로 놓으면 **정규방정식**이라는 연립방정식이 나오고, 이것을 풀면 "
        "가장 좋은 직선 (w\\*, b\\*)를 **한 번에** 구할 수 있습니다. 이것이 최소제곱법입니다. "
        "그렇다면 왜 조금씩 내려가는 경사하강법을 배울까요? 흔히 '데이터가 메모리에 다 안 들어가서'라고 "
        "답하지만 그건 이유가 아닙니다. 진짜 이유 세 가지를 아래에서 숫자로 확인해 보세요."
    ),
    # ① normal equations
    "cf.s1.header": "① 정규방정식: 합 다섯 개로 푸는 정답",
    "cf.s1.lead": (
        "손실 L(w, b) = (1/n) Σ (w·xᵢ + b − yᵢ)²을 w와 b로 각각 편미분해 0으로 놓으면 미지수가 두 개인 "
        "연립일차방정식, **정규방정식**이 나옵니다. 필요한 재료는 행 수 n과 네 가지 합 Σxᵢ, Σyᵢ, Σxᵢ², "
        "Σxᵢyᵢ뿐입니다. 지금 데이터({n:,}행, x = {x}{tx})의 합을 넣으면:"
    ),
    "cf.tx.raw": "",
    "cf.tx.center": ", 평균을 뺀 값",
    "cf.tx.standardize": ", 표준화한 값",
    "cf.s1.solution": "두 식을 풀면(크라메르 공식) 최소제곱 해가 나옵니다:",
    "cf.metric.w": "w\\* (기울기)",
    "cf.metric.b": "b\\* (절편)",
    "cf.metric.loss": "최소 손실 L\\* (MSE)",
    "cf.s1.raw": "원래 단위의 x({x})로 쓰면 기울기 {w}, 절편 {b}인 직선입니다. x 변환은 직선 자체는 바꾸지 않고 w, b의 좌표만 바꿉니다.",
    "cf.s1.target": (
        "🎯 이 (w\\*, b\\*)가 이 앱의 모든 경사하강법이 향하는 목표입니다. 하강 탐색기와 학습률 실험실의 "
        "'최솟값', 한 단계씩 따라가기의 w\\*, b\\*가 모두 이 점입니다."
    ),
    "cf.s1.stream": (
        "**합 다섯 개면 충분합니다.** n, Σx, Σy, Σx², Σxy는 데이터를 처음부터 끝까지 한 번 훑으면서 행마다 "
        "더해 가기만 하면 되므로, 데이터가 몇억 행이어도 기억할 숫자는 다섯 개뿐입니다. 이 앱의 엔진"
        "(`gd_core.losses.stats`)도 이 정보(평균, 그리고 평균을 뺀 제곱의 합과 곱의 합)만 모아서 w\\*, b\\*와 "
        "손실을 계산하고, 그 뒤로는 행을 다시 읽지 않습니다."
    ),
    "cf.s1.float": "이 합들로 float64에서 연립방정식을 직접 푼 값(np.linalg.solve)은 엔진의 정확한 값과 약 {digits}자리까지 일치합니다 (③의 이유 2 참고).",
    "cf.s1.singular": "float64로는 이 합들에서 연립방정식을 풀 수 없습니다: 행렬이 수치적으로 특이합니다. ③의 이유 2(조건수)를 보세요. 위의 w\\*, b\\*는 평균을 뺀 합으로 정확하게 구한 값입니다.",
    # ② distance per step
    "cf.s2.header": "② 경사하강법은 그 정답에 얼마나 다가가나",
    "cf.s2.lead": (
        "같은 문제를 경사하강법으로 풀면 (w, b)가 한 걸음씩 (w\\*, b\\*)로 다가갑니다. 그림은 매 단계의 "
        "거리 ‖(w, b) − (w\\*, b\\*)‖를 로그 눈금으로 그린 것입니다. 사이드바에서 학습률(η_c의 몇 배), "
        "반복 횟수, 시작점을 바꿔 보세요."
    ),
    "cf.error.start": "이 시작점에서는 손실이 너무 커서 계산할 수 없습니다. 시작점 w₀, b₀를 0에 가깝게 바꿔 주세요.",
    "cf.s2.at_start": "✅ 시작점이 이미 (w\\*, b\\*)입니다. 사이드바에서 시작점을 바꿔 보세요.",
    "cf.s2.converged": "✅ {step}단계에서 수렴했습니다: 거리가 {d0}에서 {d1}로 줄었습니다. 정규방정식이 한 번에 푸는 것을 경사하강법은 {step}번 반복해서 근사했습니다.",
    "cf.s2.diverged": "💥 {step}단계에서 발산했습니다. η가 η_c의 {mult}배라서 가장 가파른 방향의 거리가 매 단계 |1 − η·λ_max| = {factor}배로 커집니다.",
    "cf.s2.max_steps": "⏳ {steps:,}단계 뒤에도 거리가 {d1} 남았습니다 (처음에는 {d0}). 가장 완만한 방향은 매 단계 {factor}배로만 줄어듭니다. 반복을 늘리거나 x를 표준화해 보세요.",
    "cf.s2.theory": (
        "**점선은 실행하지 않고 미리 계산한 예측입니다.** 오차 (w − w\\*, b − b\\*)를 헤시안의 두 고유벡터 "
        "방향으로 나누면, 경사하강법은 두 성분에 매 단계 정확히 (1 − η·λ₁)과 (1 − η·λ₂)를 곱합니다 "
        "(λ₁ = {lam1}, λ₂ = {lam2}). 그래서 로그 눈금에서는 거의 직선이 되고, 그 기울기는 더 느린 쪽이 "
        "정합니다: 매 단계 {rate}배."
    ),
    # ③ why descent anyway
    "cf.s3.header": "③ 그런데 왜 경사하강법을 쓸까",
    "cf.s3.lead": "정답을 한 번에 구할 수 있는데도 머신러닝이 경사하강법을 쓰는 데는 세 가지 이유가 있습니다. 흔히 듣는 '메모리가 부족해서'는 그중에 없습니다.",
    "cf.memory": (
        "🧠 **메모리는 이유가 아닙니다.** 특성이 d개여도 정규방정식 XᵀX·θ = Xᵀy에 필요한 XᵀX(d×d 행렬)와 "
        "Xᵀy(길이 d 벡터)는 ①의 합과 같은 방식으로, 데이터를 한 번 훑으며 행마다 더해서 만들 수 있습니다. "
        "데이터 전체를 메모리에 올릴 필요가 없습니다."
    ),
    "cf.r1.header": "이유 1. 특성 수 d가 크면 공식 풀이의 비용이 d², d³로 커집니다",
    "cf.r1.lead": (
        "특성이 d개(절편 열 포함)이면 X는 n×d 행렬입니다. 정규방정식은 XᵀX를 만드는 데 약 n·d², 그 d×d "
        "연립방정식을 푸는 데 약 ⅔·d³번의 연산이 들고, 경사하강법은 한 단계에 약 4·n·d번(X·θ와 Xᵀ·r을 "
        "한 번씩)이 듭니다. 그래서 경사하강법이 k단계 만에 충분히 가까워진다면, (n이 d보다 훨씬 클 때) d가 약 4k보다 커지면 "
        "경사하강법이 더 쌉니다. XᵀX 자체도 숫자 d²개라서 d = 100,000이면 80 GB나 됩니다."
    ),
    "cf.k": "경사하강법에 필요한 단계 수 k",
    "cf.k.help": "충분히 가까워질 때까지 필요한 단계 수입니다. 손실 곡면이 길쭉한 골짜기일수록(조건수가 클수록) 커집니다.",
    "cf.rows": "행 수 n (왼쪽 그림)",
    "cf.rows.help": "왼쪽 그림의 데이터 행 수입니다. 오른쪽 그림은 n 자체를 가로축으로 둡니다.",
    "cf.r1.cross": "n = {n}행, k = {k}단계일 때는 d가 약 **{d}**보다 커지면 경사하강법이 더 쌉니다.",
    "cf.r1.never": "k = {k}단계라면 어떤 d에서도 정규방정식이 더 쌉니다.",
    "cf.r1.n": "오른쪽 그림처럼 두 방법 모두 행 수 n에 비례해 늘어나므로, 데이터가 많아진다고 둘의 차이가 바뀌지는 않습니다. 차이를 정하는 것은 d와 k입니다.",
    "cf.r1.app": (
        "**특성이 하나뿐인 이 앱(d = 2)에서는 공식 풀이가 이깁니다.** 지금 데이터 {n:,}행이면 정규방정식은 "
        "연산 약 {closed}번이면 되지만, ②의 경사하강법 {steps:,}단계는 약 {gd}번으로 {ratio}배가 듭니다. "
        "이 앱이 경사하강법을 쓰는 것은 그 과정을 눈으로 보기 위해서입니다."
    ),
    "cf.measure.title": "**이 서버에서 직접 재 본 시간**",
    "cf.measure.wait": "이 서버에서 시간을 재는 중입니다 (서버마다 한 번, 몇 초)…",
    "cf.measure.lead": (
        "무작위 데이터 n = {n:,}행으로 d = {dlist}일 때, XᵀX와 Xᵀy를 만들고 np.linalg.solve로 푸는 시간과 "
        "경사하강법 한 단계의 시간을 재었습니다. BLAS 스레드는 1개, 여러 번 재서 가장 빠른 값을 썼고, "
        "서버마다 한 번만 재서 저장해 둡니다 (측정에 걸린 시간 {sec}초). 경사하강법 k단계의 시간은 "
        "한 단계 시간 × k입니다."
    ),
    "cf.measure.cross": "k = {k}단계일 때 연산 수 모형으로는 d ≈ {model}, 실측으로는 d ≈ {measured}에서 두 방법이 같아집니다.",
    "cf.measure.nocross": "k = {k}단계일 때 연산 수 모형으로는 d ≈ {model}에서 같아지지만, 측정한 범위(d ≤ {dmax}) 안에서는 순서가 바뀌지 않았습니다.",
    "cf.measure.note": (
        "연산 수가 같아도 시간은 다를 수 있습니다. XᵀX 만들기와 풀기는 행렬×행렬 연산이라 CPU가 캐시를 잘 "
        "활용하지만, 경사하강법 한 단계는 행렬×벡터 연산이라 X를 메모리에서 읽어 오는 속도에 묶입니다. "
        "측정값은 서버의 부하에 따라 흔들립니다."
    ),
    "cf.r2.header": "이유 2. XᵀX를 만들면 조건수가 제곱이 됩니다",
    "cf.r2.lead": (
        "**조건수** κ는 입력의 작은 오차(반올림)가 답에서 최대 몇 배로 커지는지를 나타냅니다. float64는 약 "
        "16자리를 저장하므로 답은 대략 16 − log₁₀κ 자리까지만 믿을 수 있습니다. 그런데 X 대신 XᵀX로 풀면 "
        "κ(XᵀX) = κ(X)²이라 잃는 자릿수가 두 배가 됩니다. 지금 데이터에서 세 가지 x 변환을 비교하면 "
        "(X = [x, 1]):"
    ),
    "cf.col.tx": "x 변환",
    "cf.col.kx": "κ(X)",
    "cf.col.kxx": "κ(XᵀX) = κ(X)²",
    "cf.col.dn": "믿을 자릿수: XᵀX로",
    "cf.col.dd": "믿을 자릿수: X로",
    "cf.col.mn": "실측: XᵀX로",
    "cf.col.md": "실측: X로",
    "cf.col.now": "  ◀ 지금",
    "cf.col.dn.help": "정규방정식(XᵀX·θ = Xᵀy)으로 풀 때 믿을 수 있는 자릿수의 어림값: 약 16 − log₁₀κ(XᵀX).",
    "cf.col.dd.help": "X를 직접 분해해서(QR, SVD) 풀 때 믿을 수 있는 자릿수의 어림값: 약 16 − log₁₀κ(X).",
    "cf.col.mn.help": "이 데이터의 합으로 np.linalg.solve를 써서 푼 답이 엔진의 정확한 답과 일치한 자릿수.",
    "cf.col.md.help": "이 데이터의 X로 np.linalg.lstsq(SVD)를 써서 푼 답이 엔진의 정확한 답과 일치한 자릿수.",
    "cf.r2.note": (
        "'믿을 수 있는 자릿수'는 최악의 경우를 뜻하는 어림값이고, '실측'은 이 데이터를 float64로 풀어 엔진의 "
        "정확한 해와 일치한 자릿수입니다 (정규방정식: 합으로 np.linalg.solve, lstsq: X로 np.linalg.lstsq). "
        "합이 정확한 정수 데이터처럼 실측이 어림값보다 좋게 나오기도 합니다. 합성 데이터에서 x의 중심을 "
        "100,000쯤으로 옮기고 x 변환을 '원래 값'으로 두면, 정규방정식이 자릿수를 크게 잃는 것을 볼 수 있습니다."
    ),
    "cf.r2.hessian": (
        "**같은 숫자가 경사하강법도 느리게 만듭니다.** MSE의 헤시안이 (2/n)·XᵀX라서 λ_max/λ_min = κ(XᵀX)이고, "
        "κ가 크면 손실 곡면이 길쭉한 골짜기가 되어 완만한 방향이 매 단계 아주 조금씩만 줄어듭니다. x를 "
        "표준화하면 κ = 1이 되어 두 문제가 함께 사라집니다. 실무의 최소제곱 풀이(np.linalg.lstsq, QR 분해)가 "
        "XᵀX를 만들지 않는 것도 이 때문입니다."
    ),
    "cf.r3.header": "이유 3. 대부분의 모델에는 공식 풀이가 없습니다",
    "cf.r3": (
        "정규방정식은 '선형 모델 + 제곱 오차'라는 특별한 조합에서만 나옵니다. 로지스틱 회귀(교차 엔트로피)나 "
        "신경망은 물론, 같은 직선이라도 손실을 평균절대오차(MAE)로 바꾸기만 해도 '기울기 = 0'을 식으로 풀 수 "
        "없습니다. 그럴 때도 쓸 수 있는 일반적인 도구가 경사하강법입니다."
    ),
    "cf.r3.link": "손실을 바꾸면 무엇이 달라질까: 손실 함수 고르기",
    "cf.summary": (
        "**정리.** 특성이 적으면 (이 앱처럼) 정규방정식이 빠르고 정확합니다. 그래도 경사하강법을 쓰는 이유는 "
        "(1) 특성이 아주 많으면 XᵀX를 만들고(n·d²) 푸는(⅔·d³) 비용이 k단계 하강(4·n·d·k)보다 커지고, (2) XᵀX를 만들면 조건수가 제곱이 되어 "
        "자릿수를 잃으며, (3) 대부분의 모델에는 애초에 공식 풀이가 없기 때문입니다. 메모리는 이유가 "
        "아닙니다: 필요한 합은 데이터를 한 번 훑으며 모을 수 있습니다."
    ),
    # --- figures (keys follow gd_core.figures.closed_form.CF_LABELS) ------------------------
    "cffig.step_axis": "단계 t",
    "cffig.dist_axis": "(w*, b*)까지의 거리 (로그 눈금)",
    "cffig.dist_run": "이 실행",
    "cffig.dist_theory": "예측: 헤시안의 고윳값으로 계산",
    "cffig.dist_end": "{step}단계: {dist}",
    "cffig.d_axis": "X의 열 수 d (로그 눈금)",
    "cffig.n_axis": "행 수 n (로그 눈금)",
    "cffig.flops_axis": "연산 수 (로그 눈금)",
    "cffig.vs_d": "d가 커질 때 (n = {n})",
    "cffig.vs_n": "n이 커질 때",
    "cffig.closed": "정규방정식: XᵀX 만들기(n·d²) + 풀기",
    "cffig.solve": "풀기만: ⅔·d³",
    "cffig.descent": "경사하강법 {k}단계: 4·n·d·k",
    "cffig.closed_at": "정규방정식 (d = {d})",
    "cffig.descent_at": "경사하강법 {k}단계 (d = {d})",
    "cffig.this_app": "이 앱: d = 2",
    "cffig.crossover": "d ≈ {d}에서 같아짐",
    "cffig.sec_axis": "시간 (초, 로그 눈금)",
    "cffig.t_closed": "정규방정식 (만들기 + 풀기)",
    "cffig.t_solve": "풀기만",
    "cffig.t_descent": "경사하강법 {k}단계",
    "cffig.t_step": "경사하강법 한 단계",
    "cffig.t_cross": "d ≈ {d} 근처에서 같아짐",
}

EN: dict[str, str] = {
    "cf.side.header": "Gradient descent (②)",
    "cf.lr": "Learning rate η (as a multiple of η_c)",
    "cf.lr.help": "η_c = 2/λ_max is the largest learning rate at which descent does not diverge on this data (λ_max: the Hessian's largest eigenvalue). Above 1× it diverges.",
    "cf.lr.value": "Actual learning rate η = {eta}  (η_c = {etac})",
    "cf.steps": "Max steps",
    "cf.w0": "Start w₀",
    "cf.b0": "Start b₀",
    "cf.caps": "Work per run is capped: at most {steps:,} steps. The timing runs once per server, for d up to {dmax:,} on {n:,} rows.",
    "cf.title": "Closed form vs descent",
    "cf.tagline": "The answer the normal equations give in one go, and the real reasons we use descent anyway",
    "cf.intro": (
        "Set the partial derivatives of the mean squared error (MSE) to zero and you get a small linear "
        "system, the **normal equations**; solving it gives the best line (w\\*, b\\*) **in one go**. That "
        "is the method of least squares. So why learn gradient descent, which creeps down step by step? "
        "The usual answer, 'the data does not fit in memory', is not the reason. Below, the three real "
        "reasons, in numbers."
    ),
    "cf.s1.header": "① The normal equations: the answer from five numbers",
    "cf.s1.lead": (
        "Differentiate the loss L(w, b) = (1/n) Σ (w·xᵢ + b − yᵢ)² with respect to w and to b and set both to "
        "zero: two linear equations in two unknowns, the **normal equations**. All they need is the number "
        "of rows n and four sums Σxᵢ, Σyᵢ, Σxᵢ², Σxᵢyᵢ. With the sums of the current data ({n:,} rows, "
        "x = {x}{tx}):"
    ),
    "cf.tx.raw": "",
    "cf.tx.center": ", centred",
    "cf.tx.standardize": ", standardized",
    "cf.s1.solution": "Solving the two equations (Cramer's rule) gives the least-squares solution:",
    "cf.metric.w": "w\\* (slope)",
    "cf.metric.b": "b\\* (intercept)",
    "cf.metric.loss": "least loss L\\* (MSE)",
    "cf.s1.raw": "In the original units of x ({x}) this is the line with slope {w} and intercept {b}. Transforming x does not change the line, only its coordinates w, b.",
    "cf.s1.target": (
        "🎯 This (w\\*, b\\*) is the target every gradient descent in this app heads to: the 'minimum' of the "
        "descent explorer and the learning-rate lab, and the w\\*, b\\* of the step-by-step page, are all "
        "this point."
    ),
    "cf.s1.stream": (
        "**Five numbers are enough.** n, Σx, Σy, Σx², Σxy can be accumulated in one pass over the data, "
        "adding each row as it streams by, so even with hundreds of millions of rows there are only five "
        "numbers to remember. The app's engine (`gd_core.losses.stats`) keeps exactly this information "
        "(the means, and the sums of squares and products about them), computes w\\*, b\\* and the loss "
        "from it, and never reads the rows again."
    ),
    "cf.s1.float": "Solving the system from these sums in float64 (np.linalg.solve) agrees with the engine's accurate answer to about {digits} digits (see reason 2 in ③).",
    "cf.s1.singular": "float64 cannot solve the system from these sums: the matrix is numerically singular. See reason 2 in ③ (the condition number). The w\\*, b\\* above are computed accurately from the centred sums.",
    "cf.s2.header": "② How close does gradient descent get to it?",
    "cf.s2.lead": (
        "Solve the same problem by gradient descent and (w, b) moves towards (w\\*, b\\*) one step at a time. "
        "The figure shows the distance ‖(w, b) − (w\\*, b\\*)‖ after every step, on a log scale. Change the "
        "learning rate (a multiple of η_c), the steps and the start in the sidebar."
    ),
    "cf.error.start": "The loss at this start is too large to compute. Move the start w₀, b₀ closer to 0.",
    "cf.s2.at_start": "✅ The start already is (w\\*, b\\*). Change the start in the sidebar.",
    "cf.s2.converged": "✅ Converged at step {step}: the distance fell from {d0} to {d1}. What the normal equations solve at once, descent approached in {step} repetitions.",
    "cf.s2.diverged": "💥 Diverged at step {step}: η is {mult}× η_c, so along the steepest direction the distance grows by |1 − η·λ_max| = {factor} every step.",
    "cf.s2.max_steps": "⏳ After {steps:,} steps the distance is still {d1} (it started at {d0}). The flattest direction shrinks by only {factor} per step: allow more steps or standardize x.",
    "cf.s2.theory": (
        "**The dashed line is a prediction, computed without running anything.** Split the error "
        "(w − w\\*, b − b\\*) along the Hessian's two eigenvectors: descent multiplies the two parts by "
        "exactly (1 − η·λ₁) and (1 − η·λ₂) every step (λ₁ = {lam1}, λ₂ = {lam2}). That is why the curve is "
        "nearly straight on a log scale, with its slope set by the slower part: a factor of {rate} per step."
    ),
    "cf.s3.header": "③ So why gradient descent at all?",
    "cf.s3.lead": "Machine learning uses gradient descent even where the answer has a formula, for three reasons. 'Not enough memory', the answer one often hears, is not among them.",
    "cf.memory": (
        "🧠 **Memory is not the reason.** With d features, the normal equations XᵀX·θ = Xᵀy need XᵀX (a d×d "
        "matrix) and Xᵀy (a vector of length d), which are built exactly like the sums in ①: one pass over "
        "the data, adding each row. The data never has to be in memory all at once."
    ),
    "cf.r1.header": "Reason 1. With many features d, the closed form costs ~d² and ~d³",
    "cf.r1.lead": (
        "With d features (counting the intercept column) X is an n×d matrix. The normal equations take about "
        "n·d² operations to form XᵀX and about ⅔·d³ to solve the d×d system; one descent step takes about "
        "4·n·d (one X·θ and one Xᵀ·r). So if descent gets close enough in k steps, it is cheaper once d "
        "exceeds about 4k (with n much larger than d). XᵀX itself holds d² numbers: 80 GB at d = 100,000."
    ),
    "cf.k": "Steps descent needs, k",
    "cf.k.help": "The number of steps descent needs to get close enough. It grows with the condition number (a long, narrow valley).",
    "cf.rows": "Rows n (left panel)",
    "cf.rows.help": "The number of rows in the left panel. The right panel puts n itself on the horizontal axis.",
    "cf.r1.cross": "With n = {n} rows and k = {k} steps, descent is cheaper once d exceeds about **{d}**.",
    "cf.r1.never": "With k = {k} steps the normal equations are cheaper for every d.",
    "cf.r1.n": "As the right panel shows, both grow in proportion to the number of rows n, so more data does not change which one wins. What decides it is d and k.",
    "cf.r1.app": (
        "**With one feature, as in this app (d = 2), the closed form wins.** For the current {n:,} rows the "
        "normal equations take about {closed} operations, while the {steps:,} descent steps of ② take about "
        "{gd}: {ratio} times as many. This app runs descent to let you watch it, not to save work."
    ),
    "cf.measure.title": "**Timed on this server**",
    "cf.measure.wait": "Timing on this server (once per server, a few seconds)…",
    "cf.measure.lead": (
        "On random data with n = {n:,} rows and d = {dlist}, we timed forming XᵀX and Xᵀy and solving with "
        "np.linalg.solve, and one descent step. One BLAS thread, the best of a few repeats; measured once "
        "per server and kept (the measurement took {sec} s). The time of k descent steps is the time of one "
        "step × k."
    ),
    "cf.measure.cross": "For k = {k} steps the operation counts say the two are equal at d ≈ {model}; the measured times cross at d ≈ {measured}.",
    "cf.measure.nocross": "For k = {k} steps the operation counts say the two are equal at d ≈ {model}, but within the measured range (d ≤ {dmax}) the order never changed.",
    "cf.measure.note": (
        "Equal operation counts need not take equal time. Forming XᵀX and solving are matrix–matrix work "
        "that keeps the CPU's caches busy; a descent step is matrix–vector work, limited by how fast X can "
        "be read from memory. The measured times also wobble with the server's load."
    ),
    "cf.r2.header": "Reason 2. Forming XᵀX squares the condition number",
    "cf.r2.lead": (
        "The **condition number** κ says by how much a small error in the input (rounding) can be magnified "
        "in the answer. float64 keeps about 16 digits, so you can trust roughly 16 − log₁₀κ digits of the "
        "answer. Solve with XᵀX instead of X and κ(XᵀX) = κ(X)²: twice as many digits are lost. For the "
        "current data, with each of the three x transforms (X = [x, 1]):"
    ),
    "cf.col.tx": "x transform",
    "cf.col.kx": "κ(X)",
    "cf.col.kxx": "κ(XᵀX) = κ(X)²",
    "cf.col.dn": "digits, bound: XᵀX",
    "cf.col.dd": "digits, bound: X",
    "cf.col.mn": "digits, measured: XᵀX",
    "cf.col.md": "digits, measured: X",
    "cf.col.now": "  ◀ now",
    "cf.col.dn.help": "Rule of thumb for the digits you can trust when solving the normal equations XᵀX·θ = Xᵀy: about 16 − log₁₀κ(XᵀX).",
    "cf.col.dd.help": "Rule of thumb for the digits you can trust when X itself is factored (QR, SVD): about 16 − log₁₀κ(X).",
    "cf.col.mn.help": "Digits to which np.linalg.solve on this data's sums agrees with the engine's accurate answer.",
    "cf.col.md.help": "Digits to which np.linalg.lstsq (SVD) on this data's X agrees with the engine's accurate answer.",
    "cf.r2.note": (
        "'Digits, bound' is the worst-case rule of thumb; 'digits, measured' is how many digits of this data's "
        "float64 solution agree with the engine's accurate one (normal equations: np.linalg.solve on the "
        "sums; lstsq: np.linalg.lstsq on X). The measurement can beat the rule, for instance when integer "
        "data make the sums exact. Move the centre of the synthetic data's x to about 100,000, keep the x "
        "transform 'raw', and watch the normal equations lose most of their digits."
    ),
    "cf.r2.hessian": (
        "**The same number slows descent down.** The MSE's Hessian is (2/n)·XᵀX, so λ_max/λ_min = κ(XᵀX): "
        "with a large κ the loss surface is a long, narrow valley and the flat direction shrinks only a "
        "little per step. Standardizing x makes κ = 1 and removes both problems at once. It is also why "
        "practical least-squares solvers (np.linalg.lstsq, QR) never form XᵀX."
    ),
    "cf.r3.header": "Reason 3. Most models have no closed form",
    "cf.r3": (
        "The normal equations come from one special pairing: a linear model with squared error. Logistic "
        "regression (cross-entropy) and neural networks have no such formula, and neither does the very same "
        "line once the loss is the mean absolute error (MAE): 'gradient = 0' cannot be solved by a formula. "
        "Gradient descent is the general tool that still works."
    ),
    "cf.r3.link": "What changes with another loss: Choosing a loss",
    "cf.summary": (
        "**In short.** With few features (as in this app) the normal equations are fast and accurate. Descent "
        "is used because (1) with very many features, forming XᵀX (n·d²) and solving it (⅔·d³) cost more than k descent steps (4·n·d·k), (2) "
        "forming XᵀX squares the condition number and loses digits, and (3) most models have no closed form "
        "at all. Memory is not the reason: the sums it needs can be gathered in one pass over the data."
    ),
    "cffig.step_axis": "step t",
    "cffig.dist_axis": "distance to (w*, b*) (log scale)",
    "cffig.dist_run": "this run",
    "cffig.dist_theory": "prediction from the Hessian's eigenvalues",
    "cffig.dist_end": "step {step}: {dist}",
    "cffig.d_axis": "columns of X, d (log scale)",
    "cffig.n_axis": "rows n (log scale)",
    "cffig.flops_axis": "operations (log scale)",
    "cffig.vs_d": "as d grows (n = {n})",
    "cffig.vs_n": "as n grows",
    "cffig.closed": "normal equations: form XᵀX (n·d²) + solve",
    "cffig.solve": "solve only: ⅔·d³",
    "cffig.descent": "descent, {k} steps: 4·n·d·k",
    "cffig.closed_at": "normal equations (d = {d})",
    "cffig.descent_at": "descent, {k} steps (d = {d})",
    "cffig.this_app": "this app: d = 2",
    "cffig.crossover": "equal at d ≈ {d}",
    "cffig.sec_axis": "seconds (log scale)",
    "cffig.t_closed": "normal equations (form + solve)",
    "cffig.t_solve": "solve only",
    "cffig.t_descent": "descent, {k} steps",
    "cffig.t_step": "one descent step",
    "cffig.t_cross": "equal near d ≈ {d}",
}
